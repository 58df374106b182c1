/**
 * raci-lint: the command-line face of the engine, for CI and pre-commit hooks.
 * The engine stays free of Node APIs; everything about files, configs and
 * terminals lives here and in ./cli/.
 */
import * as path from 'node:path';
import { version } from '../../package.json';
import { analyze, fixAllText, type DocumentModel, type RaciSettings } from './engine';
import { HELP, localeFromEnv, parseCliArgs, USAGE, UsageError, type CliOptions } from './cli/args';
import { baseSettings, ConfigResolver, INIT_EXPLANATION, writeInitConfig } from './cli/config';
import { DIFF_USAGE, runDiff } from './cli/diff';
import { discoverFiles } from './cli/files';
import { translationMessages, type LintedDocument } from './cli/translations';
import { encodeSource, readSource, writeAtomically } from './cli/io';
import { useLocale } from './lsp/l10nBundles';
import { CONFIG_RULE, countSeverities, displayPath, formatJson, formatSarif, formatStylish, type LintMessage, type LintResult } from './cli/report';

export interface CliEnvironment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
}

export function runCli(io: CliEnvironment): number {
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
  return lint(options, io, say);
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

function lint(options: CliOptions, io: CliEnvironment, say: (line: string) => void): number {
  const display = (file: string) => displayPath(file, io.cwd);
  /** Problems that make the exit code 2: I/O, configuration. */
  const problems: string[] = [];
  const report = (line: string) => {
    problems.push(line);
    say(line);
  };

  const discovery = discoverFiles(options.paths, io.cwd, display);
  discovery.problems.forEach(report);
  const explicit = options.config === undefined ? undefined : path.resolve(io.cwd, options.config);
  // Findings in the user's language (LC_ALL, LC_MESSAGES, LANG), like the editor's.
  const locale = localeFromEnv(io.env);
  useLocale(locale);
  const configs = new ConfigResolver(baseSettings(locale), display, explicit);
  let reportedConfigProblems = 0;

  const results: LintResult[] = [];
  const linted: LintedDocument[] = [];
  for (const file of discovery.files) {
    const settings = configs.settingsFor(file);
    // Report a config's problems before the findings of the first file it applies to.
    for (; reportedConfigProblems < configs.problems.length; reportedConfigProblems++) report(configs.problems[reportedConfigProblems]);
    const source = readSource(file);
    if ('problem' in source) {
      report(`${display(file)}: ${source.problem}`);
      continue;
    }
    let model: DocumentModel = analyze(source.text, settings);
    if (model.skipped) say(`${display(file)}: ${model.skipped}`);
    if (options.fix && !model.skipped) model = fix(model, source, settings, (line) => report(`${display(file)}: ${line}`));
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
  else if (options.format === 'sarif') io.stdout(formatSarif(results, { cwd: io.cwd, version, notifications: problems }));
  else io.stdout(formatStylish(results, io.cwd, io.isTTY && io.env.NO_COLOR === undefined));

  if (problems.length > 0) return 2;
  const totals = countSeverities(results);
  if (totals.error > 0) return 1;
  if (options.maxWarnings !== undefined && totals.warning > options.maxWarnings) {
    say(`${totals.warning} warnings, more than --max-warnings ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** Applies the safe fixes and writes them; returns the model of what is on disk afterwards. */
function fix(
  model: DocumentModel,
  source: Exclude<ReturnType<typeof readSource>, { problem: string }>,
  settings: RaciSettings,
  problem: (line: string) => void,
): DocumentModel {
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
    messages.push({ ruleId: problem.code ?? CONFIG_RULE, severity: 'warning', message: problem.message, ...at(problem.span.start, problem.span.end), offset: problem.span.start });
  }
  messages.sort((a, b) => a.offset - b.offset);
  return messages.map(({ offset: _offset, ...message }) => message);
}

if (typeof require !== 'undefined' && require.main === module) {
  // `raci-lint . | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.exitCode = runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  });
}
