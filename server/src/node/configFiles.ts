import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText, type RaciConfig } from '../engine';
import { describeError } from './fsErrors';
import { isInsideDirectory, readRegularFileSync } from './regularFile';
import { CONFIG_FILE, type ConfigProblemReporter, type ConfigSource } from '../lsp/configSource';

/** A configuration is a few hundred bytes: anything this large is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * `.raci.json` lookup on disk, for the Node server and the CLI: the nearest one walking
 * up from the document's folder. Lookups and parses are cached until `clear()` (a
 * watched-file event or a settings change).
 *
 * A `.raci.json` that is a symbolic link is read only if it leads to a file inside the
 * repository it sits in (its git work tree) or, outside any, inside one of `roots` (the
 * workspace folders, the directories being linted): a link committed to a repository
 * must not make the linter read, and quote, a file elsewhere on the reader's machine.
 */
export class ConfigFiles implements ConfigSource {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, RaciConfig | undefined>();
  private readonly reported = new Set<string>();

  /** `report` is called once per file content that has problems. */
  constructor(
    private readonly report: ConfigProblemReporter,
    private readonly roots: () => string[] = () => [],
  ) {}

  forDocument(uri: string): RaciConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return this.forFile(file);
  }

  /** The configuration for a file path: the nearest `.raci.json` above it, read. */
  forFile(file: string): RaciConfig | undefined {
    const found = this.find(path.dirname(file));
    return found ? this.read(found) : undefined;
  }

  clear(): void {
    this.nearest.clear();
    this.parsed.clear();
  }

  private find(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    const candidate = path.join(dir, CONFIG_FILE);
    let found: string | undefined;
    if (isFile(candidate)) found = this.allowed(candidate) ? candidate : undefined;
    else if (path.dirname(dir) !== dir) found = this.find(path.dirname(dir));
    this.nearest.set(dir, found);
    return found;
  }

  /** Whether a found `.raci.json` may be read: see the class comment. Reports a refusal once. */
  private allowed(candidate: string): boolean {
    let real: string;
    try {
      if (!fs.lstatSync(candidate).isSymbolicLink()) return true;
      real = fs.realpathSync(candidate);
    } catch {
      return true; // Reading it reports the problem.
    }
    const dir = realOrSelf(path.dirname(candidate));
    const repository = gitRoot(dir);
    const boundaries = repository ? [repository] : this.roots().map(realOrSelf);
    if (boundaries.some((boundary) => isInsideDirectory(real, boundary))) return true;
    const key = `${candidate}\0refused`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      const where = repository ? 'the repository' : 'the folders being checked';
      this.report(candidate, [`is a symbolic link to a file outside ${where}`], 'refused');
    }
    return false;
  }

  /** Reads one config file (cached); problems are reported, the valid parts kept. */
  read(file: string): RaciConfig | undefined {
    if (this.parsed.has(file)) return this.parsed.get(file);
    let config: RaciConfig | undefined;
    try {
      // Not a FIFO or a device (they would block or never end), and not a huge file.
      const text = readRegularFileSync(file, MAX_CONFIG_BYTES).bytes.toString('utf8');
      const result = parseConfigText(text);
      config = result.config;
      const key = `${file}\0${text}`;
      if (result.problems.length > 0 && !this.reported.has(key)) {
        this.reported.add(key);
        this.report(file, result.problems, 'invalid');
      }
    } catch (error) {
      this.report(file, [describeError(error)], 'unreadable');
    }
    this.parsed.set(file, config);
    return config;
  }
}

function isFile(file: string): boolean {
  try {
    // Most directories have none: no error built and thrown for each.
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** The top of the git work tree holding `dir` (a `.git` directory or file), if any. */
function gitRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
