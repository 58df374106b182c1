import * as path from 'node:path';
import type { DocumentModel } from '../engine';
import { checkTranslation, sourceCandidates } from '../engine';
import { displayPath, type LintMessage } from './report';

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
  const key = (file: string) => displayPath(file, cwd).split(path.sep).join('/');
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
