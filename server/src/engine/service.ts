import {
  DiagnosticSeverity,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver-types';
import { analyzeSteps, emptyCache, readAllHeadings, type AnalysisCache, type DocumentModel } from './analyze';
import { drain } from './incremental/steps';
import { fixAllText, getCodeActions, diffEdit } from './features/codeActions';
import { getCompletions } from './features/completion';
import { formatTables } from './features/format';
import { getHover } from './features/hover';
import type { PositionEncoding } from './text/positions';
import type { RaciSettings } from './domain/settings';
import { getSymbols } from './features/symbols';
import type { Finding, RaciDocument, Severity, TextEdit } from './model';

export const RULES_DOC = 'https://github.com/raci-markdown/raci-markdown/blob/main/docs/rules.md';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface RaciServiceOptions {
  encoding?: PositionEncoding;
}

/**
 * The engine's facade, in the manner of vscode-markdown-languageservice: one object,
 * one method per feature, documents in, LSP-shaped answers out. It keeps the last
 * model of each document, so hovers, completions and code actions never re-parse,
 * and a new version re-parses only the chunks that changed.
 */
export function createRaciService(options: RaciServiceOptions = {}) {
  const models = new Map<string, { version: number; settingsKey: string; model?: DocumentModel; cache: AnalysisCache }>();

  /**
   * Steps toward the model of this version of the document, kept when they complete.
   * A caller that stops early (`return()`) keeps what was parsed for the next run.
   */
  function* modelSteps(document: RaciDocument, settings: RaciSettings): Generator<void, DocumentModel> {
    const settingsKey = JSON.stringify(settings);
    const known = models.get(document.uri);
    if (known?.model && known.version === document.version && known.settingsKey === settingsKey) return known.model;
    const into = emptyCache();
    let done = false;
    try {
      const text = document.getSource?.() ?? document.getText();
      // Read now, with the text: the document's own table changes with its next update.
      const lineStarts = document.lineStarts?.();
      // Not spread apart: the model's text is a getter (see withText), and a spread would join it.
      // Only for the version the cache was made from: a stashed cache (version -1) has none.
      const unchanged = known && known.version >= 0 ? document.changedSince?.(known.version) : undefined;
      const model = yield* analyzeSteps(text, settings, { encoding: options.encoding, cache: known?.cache, lineStarts, unchanged }, into);
      models.set(document.uri, { version: document.version, settingsKey, model, cache: model.cache });
      done = true;
      return model;
    } finally {
      if (!done) {
        const stash = known?.cache ?? emptyCache();
        for (const [key, value] of into.chunks) stash.chunks.set(key, value);
        for (const [key, value] of into.tables) stash.tables.set(key, value);
        // The run scanned legend lines into chunk entries it shares with the last version (those
        // the edit left alone): the last version's record of which chunks hold legend lines no
        // longer matches its entries, and the next run scans every chunk's lines again.
        stash.legendLines = undefined;
        if (!known) {
          // Chunks and tables are filed by their text, and are right for any version that has
          // it. A large table's pieces are filed by where the table stands, and the next run
          // trusts them unread where its edit since the last version left the text alone
          // (RaciDocument.changedSince): pieces read from a dropped version's text, filed over
          // a complete version's, were trusted for text they were not read from. A first run
          // has no complete version: its pieces, and the memo of what they concluded, are kept.
          for (const [key, value] of into.runs) stash.runs.set(key, value);
          stash.memo = into.memo;
          models.set(document.uri, { version: -1, settingsKey: '', cache: stash });
        }
      }
    }
  }

  function getModel(document: RaciDocument, settings: RaciSettings): DocumentModel {
    return drain(modelSteps(document, settings));
  }

  function toDiagnostic(model: DocumentModel, finding: Finding, uri: string): Diagnostic {
    return {
      relatedInformation: finding.related?.map((related) => ({
        location: { uri, range: model.lines.range(related.span) },
        message: related.message,
      })),
      range: model.lines.range(finding),
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: { href: `${RULES_DOC}#${finding.ruleId}` },
      source: 'raci',
      message: finding.message,
      // No `data`: the code actions are made from the kept model, not from the diagnostics an
      // editor sends back, and a large table's diagnostics go out whole at every keystroke.
    };
  }

  const edits = (model: DocumentModel, list: TextEdit[]): LspTextEdit[] =>
    list.map((edit) => ({ range: model.lines.range(edit), newText: edit.newText }));

  return {
    getModel,
    modelSteps,
    /** Whether any version of the document has been analysed: requests answer from it. */
    hasModel(uri: string): boolean {
      return models.get(uri)?.model !== undefined;
    },
    forget(uri: string): void {
      models.delete(uri);
    },
    /** The documents it keeps a model or a cache for (tests check that a closed one has none). */
    retainedUris(): string[] {
      return [...models.keys()];
    },
    getDiagnostics(document: RaciDocument, settings: RaciSettings): Diagnostic[] {
      const model = getModel(document, settings);
      const diagnostics: Diagnostic[] = [];
      for (const finding of model.findings) {
        const diagnostic = toDiagnostic(model, finding, document.uri);
        diagnostics.push(diagnostic);
        for (const mark of finding.related ?? []) {
          if (!mark.marked) continue;
          // Information, not the finding's severity: one problem, counted once, with a pointer on
          // each place. The finding lists the places; a mark lists nothing: every place is on the
          // same row, and links from each mark to the finding and to the other marks made nine
          // lines of the Problems panel, and a third of a large table's diagnostics, per double A.
          diagnostics.push({
            range: model.lines.range(mark.span),
            severity: DiagnosticSeverity.Information,
            code: diagnostic.code,
            codeDescription: diagnostic.codeDescription,
            source: diagnostic.source,
            message: mark.message,
          });
        }
      }
      for (const problem of model.problems) {
        const code = problem.code ?? 'invalid-config';
        diagnostics.push({
          range: model.lines.range(problem.span),
          severity: DiagnosticSeverity.Warning,
          code,
          codeDescription: { href: `${RULES_DOC}#${code}` },
          source: 'raci',
          message: problem.message,
        });
      }
      return diagnostics;
    },
    getHover(document: RaciDocument, settings: RaciSettings, position: Position): Hover | null {
      const model = getModel(document, settings);
      return getHover(model, model.lines.offsetAt(position));
    },
    getCompletions(document: RaciDocument, settings: RaciSettings, position: Position): CompletionItem[] {
      const model = getModel(document, settings);
      return getCompletions(model, model.lines.offsetAt(position));
    },
    getCodeActions(document: RaciDocument, settings: RaciSettings, range: Range, only?: string[]): CodeAction[] {
      const model = getModel(document, settings);
      return getCodeActions(model, document.uri, model.lines.span(range), only, (f) => toDiagnostic(model, f, document.uri));
    },
    /** The safe fixes, applied until none is left, as one edit (or none). */
    getFixAll(document: RaciDocument, settings: RaciSettings): LspTextEdit[] {
      const model = getModel(document, settings);
      const after = fixAllText(model, model.settings);
      return after === model.text ? [] : edits(model, [diffEdit(model.text, after)]);
    },
    format(document: RaciDocument, settings: RaciSettings, range?: Range): LspTextEdit[] {
      const model = getModel(document, settings);
      return edits(model, formatTables(model, range && model.lines.span(range)));
    },
    getSymbols(document: RaciDocument, settings: RaciSettings): DocumentSymbol[] {
      const model = getModel(document, settings);
      // The outline lists every heading: the prose the analysis only scanned is parsed now.
      const known = models.get(document.uri);
      if (known?.model === model) readAllHeadings(model, known.cache);
      return getSymbols(model);
    },
  };
}

export type RaciService = ReturnType<typeof createRaciService>;
