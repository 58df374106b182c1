import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, DEFAULT_SEVERITY, mergeConfig, SCHEME_IDS, type RaciSettings } from '../engine';
import { describeError } from '../node/fsErrors';
import { ConfigFiles } from '../node/configFiles';
import { CONFIG_FILE } from '../lsp/configSource';

export const CONFIG_NAME = CONFIG_FILE;
export const SCHEMA_POINTER = './node_modules/raci-lint/schemas/raci.schema.json';

/**
 * The configuration of each file: the one `--config` names, or the nearest `.raci.json`
 * above the file, found and read as the language server does (`ConfigFiles`). Each
 * config file is read and reported once; a broken one still contributes its valid parts.
 */
export class ConfigResolver {
  /** One-line problems, each naming the config file. */
  readonly problems: string[] = [];
  private readonly files: ConfigFiles;

  constructor(
    private readonly base: RaciSettings,
    display: (file: string) => string,
    private readonly explicit?: string,
    /** The directories being linted: outside a git work tree, a linked `.raci.json` must stay inside them. */
    roots: string[] = [],
  ) {
    this.files = new ConfigFiles(
      (file, problems, kind) => {
        for (const problem of problems) {
          this.problems.push(
            kind === 'unreadable'
              ? `${display(file)}: cannot read the configuration: ${problem}; using the defaults`
              : kind === 'refused'
                ? `${display(file)}: ${problem}; not read`
                : `${display(file)}: invalid configuration: ${problem}; ignoring that part`,
          );
        }
      },
      () => roots,
    );
  }

  settingsFor(file: string): RaciSettings {
    const config = this.explicit ? this.files.read(this.explicit) : this.files.forFile(file);
    return config ? mergeConfig(this.base, config) : this.base;
  }
}

export function baseSettings(locale: string): RaciSettings {
  return { ...DEFAULT_SETTINGS, locale };
}

export function initConfigText(): string {
  const config = {
    $schema: SCHEMA_POINTER,
    scheme: DEFAULT_SETTINGS.scheme,
    maxAccountable: DEFAULT_SETTINGS.maxAccountable,
    rules: { ...DEFAULT_SEVERITY },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export const INIT_EXPLANATION = `Wrote ${CONFIG_NAME} with the default settings:
  scheme          the responsibility scheme: ${SCHEME_IDS.slice(0, -1).join(', ')} or ${SCHEME_IDS.at(-1)}
  maxAccountable  how many parties may be Accountable for one activity
  rules           each rule's severity: error, warning, info, hint or off
raci-lint uses the nearest ${CONFIG_NAME} above each file; "$schema" gives editors completion.`;

/** Writes `.raci.json` in `dir`, never over an existing file. Returns a problem, or nothing. */
export function writeInitConfig(dir: string): string | undefined {
  const file = path.join(dir, CONFIG_NAME);
  try {
    fs.writeFileSync(file, initConfigText(), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return `${CONFIG_NAME} already exists here; not overwriting it`;
    return `cannot write ${CONFIG_NAME}: ${describeError(error)}`;
  }
  return undefined;
}
