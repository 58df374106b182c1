/**
 * Translation findings in the language server: an open document that one of the
 * conventions makes a translation (see engine/pairing.ts) is checked against its source,
 * read from the editor when it is open there (so that it is current as it is typed),
 * else from the workspace. A second pass over two analyses, beside the document's own
 * diagnostics: one document's analysis never depends on another file.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, RULES_DOC, type DocumentModel, type RaciService, type RaciSettings, type Severity } from '../engine';
import { checkTranslation, sourceCandidates, type TranslationFinding } from '../engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface TranslationOptions {
  service(): RaciService;
  /** The workspace folders' URIs, each ending with '/'. */
  folders(): string[];
  openDocument(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<RaciSettings>;
  readFile?(uri: string): Promise<string>;
}

/** Where a translation's source is, as last found: open in the editor, or read from disk. */
interface SourceRecord {
  uri: string;
  label: string;
  settings: RaciSettings;
  /** The text read from disk, when the source is not open; its analysis once made. */
  disk?: { text: string; model?: DocumentModel };
}

export function createTranslations(options: TranslationOptions) {
  /** Per open translation: its source, found before its diagnostics are computed. */
  const sources = new Map<string, SourceRecord | null>();
  /** Per open translation: its last findings, with the version they are for (code actions). */
  const findings = new Map<string, { version: number; model: DocumentModel; findings: TranslationFinding[] }>();

  function relative(uri: string): { folder: string; path: string } | undefined {
    const folder = options.folders().find((candidate) => uri.startsWith(candidate));
    return folder ? { folder, path: decodeURIComponent(uri.slice(folder.length)) } : undefined;
  }

  function uriOf(folder: string, path: string): string {
    return folder + path.split('/').map(encodeURIComponent).join('/');
  }

  /**
   * Finds the document's source (async: it may be read from disk, its settings pulled),
   * so that `diagnostics()` can answer in the analysis' synchronous steps.
   */
  async function prepare(document: TextDocument, settings: RaciSettings, stillWanted: () => boolean = () => true): Promise<void> {
    if (sources.has(document.uri)) return;
    // A document closed while its source was looked for must leave nothing behind.
    const remember = (record: SourceRecord | null) => {
      if (stillWanted()) sources.set(document.uri, record);
    };
    const place = relative(document.uri);
    if (!place) {
      remember(null);
      return;
    }
    for (const candidate of sourceCandidates(place.path, settings.translations)) {
      if (candidate.path === place.path) continue;
      const uri = uriOf(place.folder, candidate.path);
      const open = options.openDocument(uri);
      let text: string | undefined;
      if (!open) {
        if (!options.readFile) continue;
        try {
          text = await options.readFile(uri);
        } catch {
          continue;
        }
      }
      const sourceSettings = await options.settingsFor(uri);
      remember({ uri, label: candidate.path, settings: sourceSettings, disk: open ? undefined : { text: text! } });
      return;
    }
    remember(null);
  }

  function sourceModel(record: SourceRecord): DocumentModel | undefined {
    if (record.disk) return (record.disk.model ??= analyze(record.disk.text, record.settings));
    const open = options.openDocument(record.uri);
    return open ? options.service().getModel(open, record.settings) : undefined;
  }

  function diagnostics(document: TextDocument, model: DocumentModel): Diagnostic[] {
    const record = sources.get(document.uri);
    const source = record && sourceModel(record);
    if (!record || !source) {
      findings.delete(document.uri);
      return [];
    }
    const found = checkTranslation({ uri: record.uri, label: record.label, model: source }, model);
    findings.set(document.uri, { version: document.version, model, findings: found });
    return found.map((finding) => toDiagnostic(model, finding));
  }

  function toDiagnostic(model: DocumentModel, finding: TranslationFinding): Diagnostic {
    return {
      range: model.lines.range(finding),
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: { href: `${RULES_DOC}#${finding.ruleId}` },
      source: 'raci',
      message: finding.message,
      relatedInformation: finding.elsewhere.map((place) => ({ location: { uri: place.uri, range: place.range }, message: place.message })),
    };
  }

  return {
    prepare,
    diagnostics,

    /** Quick fixes of the translation findings that touch `range`. */
    codeActions(document: TextDocument, range: Range): CodeAction[] {
      const last = findings.get(document.uri);
      if (!last || last.version !== document.version) return [];
      const span = last.model.lines.span(range);
      const actions: CodeAction[] = [];
      for (const finding of last.findings) {
        if (finding.end < span.start || finding.start > span.end) continue;
        for (const fix of finding.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [toDiagnostic(last.model, finding)],
            isPreferred: fix.preferred,
            edit: {
              changes: { [document.uri]: fix.edits.map((edit) => ({ range: last.model.lines.range(edit), newText: edit.newText })) },
            },
          });
        }
      }
      return actions;
    },

    /**
     * The open translations of `uri`, to check again: it changed, opened or closed (when it
     * opens or closes, where it is read from changes too, so its translations look again).
     */
    dependents(uri: string, moved: boolean): string[] {
      const out: string[] = [];
      for (const [translation, record] of sources) {
        if (record?.uri !== uri) continue;
        if (moved) sources.delete(translation);
        out.push(translation);
      }
      return out;
    },

    /** Forgets a closed translation; and, when anything was opened or closed, where sources were not found. */
    forget(uri: string): void {
      sources.delete(uri);
      findings.delete(uri);
      for (const [translation, record] of sources) if (record === null) sources.delete(translation);
    },

    /** Settings or files changed: every source is looked for again. */
    clear(): void {
      sources.clear();
    },

    /** For raci/checkFiles: the translation findings of a closed file, its source read from the editor or disk. */
    async forFile(uri: string, text: string, settings: RaciSettings): Promise<Diagnostic[]> {
      const document = { uri, version: 0, getText: () => text } as unknown as TextDocument;
      const place = relative(uri);
      if (!place || sourceCandidates(place.path, settings.translations).length === 0) return [];
      await prepare(document, settings);
      try {
        return diagnostics(document, analyze(text, settings));
      } finally {
        sources.delete(uri);
        findings.delete(uri);
      }
    },

    retained(): string[] {
      return [...new Set([...sources.keys(), ...findings.keys()])];
    },
  };
}
