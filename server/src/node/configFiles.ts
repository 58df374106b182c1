import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText, type RaciConfig } from '../engine';
import { describeError } from './fsErrors';
import { CONFIG_FILE, type ConfigProblemReporter, type ConfigSource } from '../lsp/configSource';

/**
 * `.raci.json` lookup on disk, for the Node server and the CLI: the nearest one walking
 * up from the document's folder. Lookups and parses are cached until `clear()` (a
 * watched-file event or a settings change).
 */
export class ConfigFiles implements ConfigSource {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, RaciConfig | undefined>();
  private readonly reported = new Set<string>();

  /** `report` is called once per file content that has problems. */
  constructor(private readonly report: ConfigProblemReporter) {}

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
    if (isFile(candidate)) found = candidate;
    else if (path.dirname(dir) !== dir) found = this.find(path.dirname(dir));
    this.nearest.set(dir, found);
    return found;
  }

  /** Reads one config file (cached); problems are reported, the valid parts kept. */
  read(file: string): RaciConfig | undefined {
    if (this.parsed.has(file)) return this.parsed.get(file);
    let config: RaciConfig | undefined;
    try {
      const text = fs.readFileSync(file, 'utf8');
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
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
