import * as path from 'node:path';
import type { DocumentModel } from '../engine';
import { checkTranslation, sourceCandidates } from '../engine';
import { displayPath, isInside, type LintMessage } from './report';

export interface LintedDocument {
  file: string;
  model: DocumentModel;
}

/**
 * The translation findings among the linted documents: each document that one of the
 * conventions (or `.raci.json`'s `translations`) makes a translation of another linted
 * document is checked against it. Only the paths given are paired (`raci-lint docs i18n`).
 */
export function translationMessages(documents: LintedDocument[], cwd: string): Map<string, LintMessage[]> {
  const key = (file: string) => keyOf(file, cwd);
  const byKey = new Map<string, LintedDocument>();
  for (const document of documents) byKey.set(key(document.file), document);
  const out = new Map<string, LintMessage[]>();
  for (const [own, document] of byKey) {
    if (document.model.skipped) continue;
    const candidate = sourceCandidates(own, document.model.settings.translations).find((c) => c.path !== own && byKey.has(c.path));
    if (!candidate) continue;
    const source = byKey.get(candidate.path)!;
    const label = displayPath(source.file, cwd);
    const findings = checkTranslation({ uri: source.file, label, model: source.model }, document.model);
    if (findings.length === 0) continue;
    const lines = document.model.lines;
    out.set(
      document.file,
      findings.map((finding) => {
        const from = lines.positionAt(finding.start);
        const to = lines.positionAt(finding.end);
        return {
          ruleId: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          line: from.line + 1,
          column: from.character + 1,
          endLine: to.line + 1,
          endColumn: to.character + 1,
        };
      }),
    );
  }
  return out;
}

/** The translation findings of each file of a run, found as the file is linted (see translationPairs). */
export interface TranslationPairs {
  messagesFor(file: string, model: DocumentModel): LintMessage[] | undefined;
}

/**
 * Pairs each linted file with its source, as translationMessages does, one file at a time:
 * a translation and its source may be linted in any order, by different workers, and a run
 * over many files must not hold every document. Whoever lints a translation reads its source
 * again (`read`: the model of what is on disk once the run is done, or nothing for a file that
 * is not linted), keeping the last few sources, as most sources have several translations
 * side by side. Only the files of the run are paired.
 */
export function translationPairs(files: string[], cwd: string, read: (file: string) => DocumentModel | undefined): TranslationPairs {
  // Each directory's path relative to `cwd` once: path.relative resolves both paths at every call.
  const directories = new Map<string, string>();
  const key = (file: string) => {
    const base = path.basename(file);
    if (base === '' || base === '.' || base === '..' || file.endsWith(path.sep)) return keyOf(file, cwd);
    const directory = path.dirname(file);
    let relative = directories.get(directory);
    if (relative === undefined) directories.set(directory, (relative = path.relative(cwd, directory)));
    // As displayPath: the path under `cwd`, or the file itself when it lies outside.
    if (relative === '') return base;
    if (!isInside(relative)) return file.split(path.sep).join('/');
    return `${relative}${path.sep}${base}`.split(path.sep).join('/');
  };
  // Built when a file first names a source: most runs have no translation, and every worker pairs.
  let byKey: Map<string, string> | undefined;
  const fileOf = (candidate: string) => {
    if (!byKey) {
      byKey = new Map();
      for (const file of files) byKey.set(key(file), file);
    }
    return byKey.get(candidate);
  };
  const sources = new Map<string, DocumentModel | undefined>();
  const modelOf = (file: string): DocumentModel | undefined => {
    if (sources.has(file)) return sources.get(file);
    const model = read(file);
    if (sources.size >= KEPT_SOURCES) sources.delete(sources.keys().next().value as string);
    sources.set(file, model);
    return model;
  };
  return {
    messagesFor(file, model) {
      if (model.skipped) return undefined;
      const own = key(file);
      for (const candidate of sourceCandidates(own, model.settings.translations)) {
        const sourceFile = candidate.path === own ? undefined : fileOf(candidate.path);
        const source = sourceFile === undefined ? undefined : modelOf(sourceFile);
        if (sourceFile === undefined || !source || source.skipped) continue;
        return translationMessages(
          [
            { file: sourceFile, model: source },
            { file, model },
          ],
          cwd,
        ).get(file);
      }
      return undefined;
    },
  };
}

/** How a file is named for pairing: its display path, with `/` between its parts. */
function keyOf(file: string, cwd: string): string {
  return displayPath(file, cwd).split(path.sep).join('/');
}

/** Sources kept by translationPairs: enough for the translations that follow their source. */
const KEPT_SOURCES = 16;
