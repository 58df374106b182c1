import { parseArgs } from 'node:util';

export type OutputFormat = 'stylish' | 'json' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif'];

export interface CliOptions {
  format: OutputFormat;
  fix: boolean;
  config?: string;
  maxWarnings?: number;
  /** Above this many characters a file is reported as not linted (default: the engine's). */
  maxDocumentSize?: number;
  /** Files linted at once (worker threads); 1 lints one file at a time. Unset: one per idle core but one, if that is two or more (see defaultJobs). */
  jobs?: number;
  help: boolean;
  version: boolean;
  init: boolean;
  /** Print every matrix found (layout, scheme, activities, parties) and every table not read. */
  listMatrices: boolean;
  paths: string[];
}

/** Bad usage: the message is printed with the usage line and the exit code is 2. */
export class UsageError extends Error {}

/** parseArgs' messages are clear but long-winded: a usage error with their first sentence. */
export function usageErrorOf(error: unknown): UsageError {
  return new UsageError(
    String((error as Error).message)
      .split('. ')[0]
      .replace(/\.$/, ''),
  );
}

export const USAGE =
  'raci-lint [--format stylish|json|sarif] [--fix] [--config FILE] [--max-warnings N] [--max-document-size N] [--list-matrices] [--jobs N] PATH…\n       raci-lint diff [--format human|markdown|json] [BASE [HEAD]]';

export const HELP = `Usage: ${USAGE}

Lints RACI responsibility matrices written as Markdown tables.
Directories are searched recursively for *.md and *.markdown files, honouring
.gitignore files (node_modules and .git are always skipped).

Options:
  -f, --format FORMAT    output format: stylish (default), json or sarif
      --fix              apply the safe fixes and write the files that change
  -c, --config FILE      use this .raci.json for every file instead of looking
                         for the nearest .raci.json above each file
      --max-warnings N   exit with 1 when there are more than N warnings
      --max-document-size N
                         lint files of up to N characters (default 5242880);
                         a larger file is reported as not linted (exit 2)
      --list-matrices    list every matrix found (layout, scheme, activities,
                         parties) and every table that looks like one but is not
                         read, on stderr, before the findings (alias: --verbose)
  -j, --jobs N           lint N files at once, on worker threads (default: one
                         per idle CPU core but one, by the load average, when
                         that is two or more; 1: one file at a time, no threads)
      --init             write a starter .raci.json in the current directory
  -h, --help             show this help
  -v, --version          show the version

Responsibility changes between two git revisions, files or folders:
  raci-lint diff --help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage, I/O problems
or files not linted.
Rules: https://github.com/raci-markdown/raci-markdown/blob/main/docs/rules.md`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        'max-document-size': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        init: { type: 'boolean' },
        'list-matrices': { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}": expected one of ${FORMATS.join(', ')}`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a whole number of 0 or more, not "${raw}"`);
    maxWarnings = Number(raw);
  }
  let maxDocumentSize: number | undefined;
  if (values['max-document-size'] !== undefined) {
    const raw = values['max-document-size'];
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw new UsageError(`--max-document-size expects a whole number of characters, at least 1, not "${raw}"`);
    }
    maxDocumentSize = Number(raw);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs) || Number(values.jobs) < 1)
      throw new UsageError(`--jobs expects a whole number of 1 or more, not "${values.jobs}"`);
    jobs = Number(values.jobs);
  }
  if (values.config === '') throw new UsageError('--config expects a file name');
  const options: CliOptions = {
    format: format as OutputFormat,
    fix: values.fix ?? false,
    config: values.config,
    maxWarnings,
    maxDocumentSize,
    jobs,
    help: values.help ?? false,
    version: values.version ?? false,
    init: values.init ?? false,
    listMatrices: (values['list-matrices'] ?? false) || (values.verbose ?? false),
    paths: positionals,
  };
  if (!options.help && !options.version && !options.init && options.paths.length === 0) {
    throw new UsageError('no path given (try "raci-lint ." to lint the current directory)');
  }
  return options;
}

/** `fr_FR.UTF-8` → `fr`; `C`, `POSIX` and nothing → `en`. */
export function localeFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  const language = raw.split(/[_.@-]/)[0].toLowerCase();
  if (language === '' || language === 'c' || language === 'posix' || !/^[a-z]{2,3}$/.test(language)) return 'en';
  return language;
}
