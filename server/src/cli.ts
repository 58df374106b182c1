/**
 * raci-lint: the command-line face of the engine, for CI and pre-commit hooks.
 * The engine stays free of Node APIs; everything about files, configs and
 * terminals lives here and in ./cli/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { analyze, drain, fixAllText, type DocumentModel, type RaciSettings } from './engine';
import { HELP, localeFromEnv, parseCliArgs, USAGE, UsageError, type CliOptions } from './cli/args';
import { baseSettings, ConfigResolver, INIT_EXPLANATION, writeInitConfig } from './cli/config';
import { DIFF_USAGE, runDiff } from './cli/diff';
import { discoverFiles } from './cli/files';
import { translationMessages, type LintedDocument } from './cli/translations';
import { encodeSource, maxBytesFor, readSource, writeAtomically, type SourceFile } from './cli/io';
import { useLocale } from './lsp/l10nBundles';
import { listMatrices } from './cli/list';
import {
  CONFIG_RULE,
  SKIPPED_FILE_RULE,
  countSeverities,
  displayPath,
  formatJson,
  formatSarif,
  formatStylish,
  type LintMessage,
  type LintResult,
} from './cli/report';

export interface CliEnvironment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
}

/** Runs the CLI to its end and returns the exit code. */
export function runCli(io: CliEnvironment): number {
  return drain(runCliSteps(io));
}

/**
 * Runs the CLI, letting the event loop turn between two files: a signal (Ctrl-C) is
 * handled there, where no temporary file exists (each file is written, or its
 * temporary file removed, in one synchronous step).
 */
export async function runCliAsync(io: CliEnvironment): Promise<number> {
  const steps = runCliSteps(io);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The CLI, one step per file linted. */
function* runCliSteps(io: CliEnvironment): Generator<void, number> {
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
  return yield* lint(options, io, say);
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

function* lint(options: CliOptions, io: CliEnvironment, say: (line: string) => void): Generator<void, number> {
  const display = (file: string) => displayPath(file, io.cwd);
  /** Problems that make the exit code 2: I/O, configuration. */
  const problems: string[] = [];
  const report = (line: string) => {
    problems.push(line);
    say(line);
  };
  /** Files not linted for their size: reported in the output itself, and the exit code is 2. */
  const notLinted: string[] = [];

  const discovery = discoverFiles(options.paths, io.cwd, display);
  discovery.problems.forEach(report);
  const explicit = options.config === undefined ? undefined : path.resolve(io.cwd, options.config);
  // Findings in the user's language (LC_ALL, LC_MESSAGES, LANG), like the editor's.
  const locale = localeFromEnv(io.env);
  useLocale(locale);
  const base = baseSettings(locale);
  if (options.maxDocumentSize !== undefined) base.maxDocumentSize = options.maxDocumentSize;
  const configs = new ConfigResolver(base, display, explicit, lintedRoots(options.paths, io.cwd));
  let reportedConfigProblems = 0;

  const results: LintResult[] = [];
  const linted: LintedDocument[] = [];
  for (const file of discovery.files) {
    yield;
    const settings = configs.settingsFor(file);
    // Report a config's problems before the findings of the first file it applies to.
    for (; reportedConfigProblems < configs.problems.length; reportedConfigProblems++) report(configs.problems[reportedConfigProblems]);
    const limit = settings.maxDocumentSize;
    const source = readSource(file, maxBytesFor(limit));
    if ('tooLarge' in source) {
      const message = `${source.tooLarge} bytes, more than the limit of ${limit} characters can take: not linted (raise it with --max-document-size)`;
      notLinted.push(`${display(file)}: ${message}`);
      results.push({ filePath: file, messages: [notLintedMessage(message)] });
      continue;
    }
    if ('problem' in source) {
      report(`${display(file)}: ${source.problem}`);
      continue;
    }
    let model: DocumentModel = analyze(source.text, settings);
    if (model.skipped) {
      const message = `${source.text.length} characters, more than the limit of ${limit} characters: not linted (raise it with --max-document-size)`;
      notLinted.push(`${display(file)}: ${message}`);
      results.push({ filePath: file, messages: [notLintedMessage(message)] });
      continue;
    }
    if (options.fix) model = fix(model, source, settings, (line) => report(`${display(file)}: ${line}`));
    if (options.listMatrices) io.stderr(listMatrices(model, display(file)));
    results.push({ filePath: file, messages: messagesOf(model) });
    linted.push({ file, model });
  }
  // Translations are checked against their sources once every document is read.
  const translated = translationMessages(linted, io.cwd);
  for (const result of results) {
    const extra = translated.get(result.filePath);
    if (extra) result.messages = [...result.messages, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  if (options.format === 'json') io.stdout(formatJson(results));
  else if (options.format === 'sarif')
    io.stdout(formatSarif(results, { cwd: io.cwd, version, notifications: [...problems, ...notLinted] }));
  else io.stdout(formatStylish(results, io.cwd, io.isTTY && io.env.NO_COLOR === undefined));

  if (problems.length > 0 || notLinted.length > 0) return 2;
  const totals = countSeverities(results);
  if (totals.error > 0) return 1;
  if (options.maxWarnings !== undefined && totals.warning > options.maxWarnings) {
    say(`${totals.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** The one message of a file not linted: at its start, a warning (the exit code, 2, says the rest). */
function notLintedMessage(message: string): LintMessage {
  return { ruleId: SKIPPED_FILE_RULE, severity: 'warning', message, line: 1, column: 1, endLine: 1, endColumn: 1 };
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

/** Applies the safe fixes and writes them; returns the model of what is on disk afterwards. */
function fix(model: DocumentModel, source: SourceFile, settings: RaciSettings, problem: (line: string) => void): DocumentModel {
  const fixed = fixAllText(model, settings);
  if (fixed === source.text) return model;
  const result = writeAtomically(source, encodeSource(source, fixed));
  if (result.written) return analyze(fixed, settings);
  if (result.problem) problem(result.problem);
  return model;
}

function messagesOf(model: DocumentModel): LintMessage[] {
  const at = (start: number, end: number) => {
    const from = model.lines.positionAt(start);
    const to = model.lines.positionAt(end);
    return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  };
  const messages: (LintMessage & { offset: number })[] = model.findings.map((finding) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...at(finding.start, finding.end),
    offset: finding.start,
  }));
  for (const problem of model.problems) {
    messages.push({
      ruleId: problem.code ?? CONFIG_RULE,
      severity: 'warning',
      message: problem.message,
      ...at(problem.span.start, problem.span.end),
      offset: problem.span.start,
    });
  }
  messages.sort((a, b) => a.offset - b.offset);
  return messages.map(({ offset: _offset, ...message }) => message);
}

if (typeof require !== 'undefined' && require.main === module) {
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
  }).then((code) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.exitCode = code;
  });
}
