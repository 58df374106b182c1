/**
 * raci-lint: the command-line face of the engine, for CI and pre-commit hooks.
 * The engine stays free of Node APIs; everything about files, configs and
 * terminals lives here and in ./cli/.
 */
import * as fs from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { version } from '../../package.json';
import { HELP, localeFromEnv, parseCliArgs, USAGE, UsageError, type CliOptions } from './cli/args';
import { baseSettings, ConfigResolver, INIT_EXPLANATION, writeInitConfig } from './cli/config';
import { DIFF_USAGE, runDiff } from './cli/diff';
import { discoverFiles } from './cli/files';
import { lintFile, pairsOf, type FileOutcome, type LintSetup } from './cli/lintFile';
import { runInPool, serveTasks, type Task } from './cli/pool';
import { Progress } from './cli/progress';
import { useLocale } from './lsp/l10nBundles';
import { ReadBuffer } from './node/regularFile';
import {
  displayPath,
  formatJsonResult,
  formatSarif,
  formatStylishResult,
  formatStylishSummary,
  type LintResult,
  type Totals,
} from './cli/report';

export interface CliEnvironment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress of long runs). */
  stderrIsTTY?: boolean;
  /** The clock, for progress. */
  now?: () => number;
  /** The script the lint workers run: this bundle, unless a test says otherwise. */
  workerScript?: string;
  /** The machine's cores and load (the last minute's average), for the default --jobs: the system's unless a test says otherwise. */
  cores?: number;
  load?: number;
}

/** Runs the CLI to its end, one file at a time in this thread, and returns the exit code. */
export function runCli(io: CliEnvironment): number {
  const steps = runCliSteps(io, false);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the CLI, on worker threads when there are many files, letting the event loop turn
 * between two files linted here: a signal (Ctrl-C) is handled there, where no temporary
 * file exists (each file is written, or its temporary file removed, in one synchronous
 * step; workers never write, as --fix lints here). It turns once TURN_MS have passed, not
 * after every file: a turn per file cost a few per cent of linting a repository of small files.
 */
export async function runCliAsync(io: CliEnvironment): Promise<number> {
  const steps = runCliSteps(io, true);
  let turned = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value) await step.value;
    else if (performance.now() - turned >= TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
  }
}

/** How long the CLI may lint files without letting the event loop turn (a signal waits at most this, and a file). */
const TURN_MS = 10;

/** The CLI, one step per file linted here, or one step that waits for the workers. */
function* runCliSteps(io: CliEnvironment, threads: boolean): Generator<Promise<void> | void, number> {
  const say = (line: string) => io.stderr(`raci-lint: ${line}\n`);
  if (io.argv[0] === 'diff') return diff(io, say);
  let options: CliOptions;
  try {
    options = parseCliArgs(io.argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    io.stderr(`Usage: ${USAGE}\nRun "raci-lint --help" for the options.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (options.init) {
    const problem = writeInitConfig(io.cwd);
    if (problem) {
      say(problem);
      return 2;
    }
    io.stdout(`${INIT_EXPLANATION}\n`);
    return 0;
  }
  return yield* lint(options, io, say, threads);
}

function diff(io: CliEnvironment, say: (line: string) => void): number {
  const locale = localeFromEnv(io.env);
  useLocale(locale);
  try {
    return runDiff(io.argv.slice(1), { cwd: io.cwd, locale, stdout: io.stdout, say });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    io.stderr(`Usage: ${DIFF_USAGE}\nRun "raci-lint diff --help" for the options.\n`);
    return 2;
  }
}

/** Below this many files per worker, starting workers costs more than it saves. */
const FILES_PER_WORKER = 16;

/**
 * The workers of a run without --jobs: one per core the machine's load leaves idle, as
 * `make --load-average` does, but one, which the main thread keeps (it reads the
 * configuration and prints the report); none (one file at a time) unless that leaves two.
 * A worker only pays off with a core of its own, and warms up the engine's code again: on
 * two idle cores, two workers took 1.05 to 1.10 s on the benchmark's 5,000 files, one file
 * at a time 0.92 to 0.98 s (docs/performance.md, "Every core").
 */
export function defaultJobs(cores: number, load: number): number {
  const workers = Math.min(cores, Math.round(cores - load)) - 1;
  return workers >= 2 ? workers : 1;
}

function* lint(
  options: CliOptions,
  io: CliEnvironment,
  say: (line: string) => void,
  threads: boolean,
): Generator<Promise<void> | void, number> {
  const display = (file: string) => displayPath(file, io.cwd);
  const discovery = discoverFiles(options.paths, io.cwd, display);
  const files = discovery.files;
  const progress = new Progress(files.length, io.stderrIsTTY === true && options.format === 'stylish' ? io.stderr : undefined, io.now);
  /** Anything written to stderr first clears the progress line. */
  const tell = (line: string) => {
    progress.end();
    say(line);
  };
  /** Problems that make the exit code 2: I/O, configuration. */
  const problems: string[] = [];
  const report = (line: string) => {
    problems.push(line);
    tell(line);
  };
  /** Files not linted for their size: reported in the output itself, and the exit code is 2. */
  const notLinted: string[] = [];
  discovery.problems.forEach(report);
  const explicit = options.config === undefined ? undefined : path.resolve(io.cwd, options.config);
  // Findings in the user's language (LC_ALL, LC_MESSAGES, LANG), like the editor's.
  const locale = localeFromEnv(io.env);
  useLocale(locale);
  const setup: LintSetup = {
    cwd: io.cwd,
    locale,
    fix: options.fix,
    listMatrices: options.listMatrices,
    files,
    config: explicit,
    maxDocumentSize: options.maxDocumentSize,
    roots: lintedRoots(options.paths, io.cwd),
  };
  const configs = resolverOf(setup, display);
  /** Each file's config problems, said right before its own lines: the same order whatever finishes first. */
  const configProblems = new Map<number, string[]>();
  let reportedConfigProblems = 0;
  const taskOf = (index: number): Task => {
    const settings = configs.settingsFor(files[index]);
    if (reportedConfigProblems < configs.problems.length) {
      configProblems.set(index, configs.problems.slice(reportedConfigProblems));
      reportedConfigProblems = configs.problems.length;
    }
    return { index, file: files[index], settings };
  };

  const out = startOutput(options.format, io, () => [...problems, ...notLinted]);
  const totals: Totals = { error: 0, warning: 0, info: 0, hint: 0 };
  let done = 0;
  const onOutcome = (index: number, outcome: FileOutcome) => {
    // Report a config's problems before the findings of the first file it applies to.
    for (const line of configProblems.get(index) ?? []) report(line);
    configProblems.delete(index);
    outcome.problems.forEach(report);
    if (outcome.notLinted) notLinted.push(outcome.notLinted);
    if (outcome.listing) {
      progress.end();
      io.stderr(outcome.listing);
    }
    if (outcome.result) {
      for (const message of outcome.result.messages) totals[message.severity]++;
      progress.end();
      out.add(outcome.result);
    }
    progress.update(++done);
  };

  // --fix writes files: it stays in this thread, where a signal waits for the file being written.
  const jobs = options.fix ? 1 : (options.jobs ?? defaultJobs(io.cores ?? availableParallelism(), io.load ?? loadavg()[0]));
  const workers = Math.min(jobs, Math.floor(files.length / FILES_PER_WORKER));
  const script = io.workerScript ?? (typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined);
  if (threads && workers >= 2 && script) {
    yield runInPool(script, { raciLintWorker: setup }, workers, files.length, taskOf, onOutcome);
  } else {
    const sourceConfigs = resolverOf(setup, display);
    const pairs = pairsOf(setup, (file) => sourceConfigs.settingsFor(file));
    const buffer = new ReadBuffer();
    for (let index = 0; index < files.length; index++) {
      yield;
      const task = taskOf(index);
      onOutcome(index, lintFile(task.file, task.settings, setup, pairs, buffer));
    }
  }
  progress.end();
  out.end(totals);

  if (problems.length > 0 || notLinted.length > 0) return 2;
  if (totals.error > 0) return 1;
  if (options.maxWarnings !== undefined && totals.warning > options.maxWarnings) {
    say(`${totals.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** The configuration of each file of a run (a worker makes its own, for the sources of translations). */
function resolverOf(setup: LintSetup, display: (file: string) => string): ConfigResolver {
  const base = baseSettings(setup.locale);
  if (setup.maxDocumentSize !== undefined) base.maxDocumentSize = setup.maxDocumentSize;
  return new ConfigResolver(base, display, setup.config, setup.roots);
}

/** The directories being linted (real paths): a `.raci.json` outside a git work tree must not lead out of them. */
function lintedRoots(paths: string[], cwd: string): string[] {
  return paths.map((given) => {
    const absolute = path.resolve(cwd, given);
    try {
      const real = fs.realpathSync(absolute);
      return fs.statSync(real).isDirectory() ? real : path.dirname(real);
    } catch {
      return absolute;
    }
  });
}

/** How much of a JSON report is gathered before it is written. */
const JSON_CHUNK = 64 * 1024;

/**
 * The report, written as results come: stylish prints each file's part as soon as its turn
 * comes, JSON every few dozen kilobytes, so that a run over many files holds none of them; SARIF, whose
 * notifications come before its results, keeps the results (their messages, not the
 * documents) to the end.
 */
function startOutput(format: CliOptions['format'], io: CliEnvironment, notifications: () => string[]) {
  if (format === 'sarif') {
    const results: LintResult[] = [];
    return {
      add: (result: LintResult) => results.push(result),
      end: () => io.stdout(formatSarif(results, { cwd: io.cwd, version, notifications: notifications() })),
    };
  }
  if (format === 'json') {
    // Every file has its entry: written a few dozen kilobytes at a time, not a write per file.
    let count = 0;
    let pending = '';
    return {
      add: (result: LintResult) => {
        pending += `${count++ === 0 ? '[\n' : ',\n'}${formatJsonResult(result)}`;
        if (pending.length < JSON_CHUNK) return;
        io.stdout(pending);
        pending = '';
      },
      end: () => io.stdout(`${pending}${count === 0 ? '[]\n' : '\n]\n'}`),
    };
  }
  const colour = io.isTTY && io.env.NO_COLOR === undefined;
  return {
    add: (result: LintResult) => {
      const text = formatStylishResult(result, io.cwd, colour);
      if (text) io.stdout(text);
    },
    end: (totals: Totals) => io.stdout(formatStylishSummary(totals, colour)),
  };
}

/** A worker thread of a run (runInPool): lints the files it is handed, with the run's setup. */
function serveLintWorker(setup: LintSetup): void {
  useLocale(setup.locale);
  const display = (file: string) => displayPath(file, setup.cwd);
  const sourceConfigs = resolverOf(setup, display);
  const pairs = pairsOf(setup, (file) => sourceConfigs.settingsFor(file));
  const buffer = new ReadBuffer();
  serveTasks((task) => lintFile(task.file, task.settings, setup, pairs, buffer));
}

const workerSetup = isMainThread ? undefined : (workerData as { raciLintWorker?: LintSetup } | undefined)?.raciLintWorker;
if (workerSetup) {
  serveLintWorker(workerSetup);
} else if (typeof require !== 'undefined' && require.main === module) {
  // `raci-lint . | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // Ctrl-C or a kill: handled between two files, where no temporary file exists; then the
  // signal is raised again, so that the shell sees the process end by it (exit 130, 143).
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void runCliAsync({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }).then((code) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.exitCode = code;
  });
}
