import { TextDocuments, type TextDocumentContentChangeEvent, type TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type PositionEncoding } from '../engine';
import { PieceTextDocument } from './textDocument';

/**
 * Open documents, kept in sync incrementally. `TextDocument` counts in UTF-16; when
 * the client speaks UTF-8, each change's range is turned into UTF-16 against the text
 * it applies to (changes in one notification apply one after the other).
 */
export function createDocuments(encoding: () => PositionEncoding): TextDocuments<TextDocument> {
  const config: TextDocumentsConfiguration<PieceTextDocument> = {
    create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, content),
    update(document, changes, version) {
      if (encoding() === 'utf-16') document.update(changes, version);
      else for (const change of changes) document.update([toUtf16(document, change)], version);
      return document;
    },
  };
  return new TextDocuments(config);
}

function toUtf16(document: PieceTextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change)) return change;
  const lines = new LineIndex(document.getSource(), 'utf-8', document.lineStarts());
  const range = {
    start: document.positionAt(lines.offsetAt(change.range.start)),
    end: document.positionAt(lines.offsetAt(change.range.end)),
  };
  return { range, text: change.text };
}

/** Joins the pieces of the open documents that have a few (see PieceTextDocument.compact): for idle time. */
export function compactDocuments(documents: TextDocuments<TextDocument>): void {
  for (const document of documents.all()) if (document instanceof PieceTextDocument) document.compact();
}
