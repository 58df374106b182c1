import { analyze, fixAllText, type DocumentModel, type RaciSettings } from '../engine';
import { encodeSource, hasBytes, maxBytesFor, readSource, readSourceText, writeAtomically, type SourceFile } from './io';
import { listMatrices } from './list';
import { CONFIG_RULE, SKIPPED_FILE_RULE, displayPath, type LintMessage, type LintResult } from './report';
import { translationPairs, type TranslationPairs } from './translations';
import type { ReadBuffer } from '../node/regularFile';

/** What every file of a run is linted with: the same in the main thread and in each worker. */
export interface LintSetup {
  cwd: string;
  locale: string;
  fix: boolean;
  listMatrices: boolean;
  /** Every file of the run, in order: translations are paired among them. */
  files: string[];
  /** `--config`, resolved. */
  config?: string;
  /** `--max-document-size`. */
  maxDocumentSize?: number;
  /** The directories being linted (see ConfigResolver). */
  roots: string[];
}

/** What linting one file gave: plain data, as a worker sends it back. */
export interface FileOutcome {
  result?: LintResult;
  /** Problems that make the exit code 2 (the file could not be read, its fixes not written). */
  problems: string[];
  /** Set when the file was not linted for its size (the exit code is 2, SARIF says it). */
  notLinted?: string;
  /** What --list-matrices prints for the file. */
  listing?: string;
}

/**
 * Lints one file: reads it, analyses it, fixes it if asked, and pairs it with its source if it
 * is a translation. `buffer`: what the thread reads its files into, one after the other
 * (see ReadBuffer); `--fix` keeps each file's bytes until it writes the file, and reads without it.
 */
export function lintFile(
  file: string,
  settings: RaciSettings,
  setup: LintSetup,
  pairs: TranslationPairs,
  buffer?: ReadBuffer,
): FileOutcome {
  const display = (each: string) => displayPath(each, setup.cwd);
  const outcome: FileOutcome = { problems: [] };
  const limit = settings.maxDocumentSize;
  const notLinted = (message: string): FileOutcome => {
    outcome.notLinted = `${display(file)}: ${message}`;
    outcome.result = { filePath: file, messages: [notLintedMessage(message)] };
    return outcome;
  };
  // --fix compares a file's bytes again before writing it back: it keeps them, the rest reads
  // into the thread's buffer.
  const source = !setup.fix && buffer ? readSourceText(file, maxBytesFor(limit), buffer) : readSource(file, maxBytesFor(limit));
  if ('tooLarge' in source) {
    return notLinted(
      `${source.tooLarge} bytes, more than the limit of ${limit} characters can take: not linted (raise it with --max-document-size)`,
    );
  }
  if ('problem' in source) {
    outcome.problems.push(`${display(file)}: ${source.problem}`);
    return outcome;
  }
  // Fixes are built only to be applied: no report prints them.
  let model: DocumentModel = analyze(source.text, settings, { fixes: setup.fix, keep: false });
  if (model.skipped) {
    return notLinted(
      `${source.text.length} characters, more than the limit of ${limit} characters: not linted (raise it with --max-document-size)`,
    );
  }
  if (setup.fix && hasBytes(source)) model = fix(model, source, settings, (line) => outcome.problems.push(`${display(file)}: ${line}`));
  if (setup.listMatrices) outcome.listing = listMatrices(model, display(file));
  let messages = messagesOf(model);
  const translated = pairs.messagesFor(file, model);
  if (translated) messages = [...messages, ...translated].sort((a, b) => a.line - b.line || a.column - b.column);
  outcome.result = { filePath: file, messages };
  return outcome;
}

/** The one message of a file not linted: at its start, a warning (the exit code, 2, says the rest). */
function notLintedMessage(message: string): LintMessage {
  return { ruleId: SKIPPED_FILE_RULE, severity: 'warning', message, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** Applies the safe fixes and writes them; returns the model of what is on disk afterwards. */
function fix(model: DocumentModel, source: SourceFile, settings: RaciSettings, problem: (line: string) => void): DocumentModel {
  const fixed = fixAllText(model, settings);
  if (fixed === source.text) return model;
  const result = writeAtomically(source, encodeSource(source, fixed));
  if (result.written) return analyze(fixed, settings, { fixes: false, keep: false });
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

/**
 * The translation pairs of a run: each source is read and analysed again, with its settings
 * from `settingsFor`, as it is on disk once the run is done (fixed, with --fix).
 */
export function pairsOf(setup: LintSetup, settingsFor: (file: string) => RaciSettings): TranslationPairs {
  return translationPairs(setup.files, setup.cwd, (file) => {
    const settings = settingsFor(file);
    const source = readSource(file, maxBytesFor(settings.maxDocumentSize));
    if ('problem' in source) return undefined;
    const model = analyze(source.text, settings, { fixes: setup.fix, keep: false });
    if (!setup.fix || model.skipped) return model;
    const fixed = fixAllText(model, settings);
    return fixed === source.text ? model : analyze(fixed, settings, { fixes: false, keep: false });
  });
}
