import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, DEFAULT_SEVERITY, mergeConfig, parseConfigText, type RaciConfig, type RaciSettings } from '../engine';
import { describeError } from './files';

export const CONFIG_NAME = '.raci.json';
export const SCHEMA_POINTER = './node_modules/raci-markdown/schemas/raci.schema.json';

/**
 * Finds and reads the configuration of each file: the one `--config` names, or
 * the nearest `.raci.json` above the file. Each config file is read and
 * reported once; a broken one still contributes its valid parts.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, string | undefined>();
  private readonly byFile = new Map<string, RaciConfig>();
  /** One-line problems, each naming the config file. */
  readonly problems: string[] = [];

  constructor(
    private readonly base: RaciSettings,
    private readonly display: (file: string) => string,
    private readonly explicit?: string,
  ) {}

  settingsFor(file: string): RaciSettings {
    const configFile = this.explicit ?? this.nearest(path.dirname(file));
    return configFile ? mergeConfig(this.base, this.load(configFile)) : this.base;
  }

  private nearest(dir: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | undefined;
    for (;;) {
      if (this.byDirectory.has(current)) {
        found = this.byDirectory.get(current);
        break;
      }
      visited.push(current);
      const candidate = path.join(current, CONFIG_NAME);
      if (fs.existsSync(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const dir of visited) this.byDirectory.set(dir, found);
    return found;
  }

  private load(file: string): RaciConfig {
    const known = this.byFile.get(file);
    if (known) return known;
    let config: RaciConfig = {};
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      this.problems.push(`${this.display(file)}: cannot read the configuration: ${describeError(error)}; using the defaults`);
    }
    if (text !== undefined) {
      const parsed = parseConfigText(text);
      config = parsed.config;
      for (const problem of parsed.problems) {
        this.problems.push(`${this.display(file)}: invalid configuration: ${problem}; ignoring that part`);
      }
    }
    this.byFile.set(file, config);
    return config;
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
  scheme          the responsibility scheme: RACI, RASCI, RACI-VS, CAIRO or DACI
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
