/**
 * The protocol floor of a hover sent right behind a large didOpen: a language server on the
 * same library as ours (vscode-languageserver over stdio) that keeps each document's text and
 * does nothing else, answering every hover with null. Before any server built on that
 * library can answer such a hover, it reads the whole didOpen from the pipe, decodes its
 * bytes to a string and parses its JSON (on the benchmark's machine, where touching fresh
 * memory is slow, 20 ms or more for 1 MB); bench/drive.mjs times the same hover against this
 * server and against ours, and the difference is what ours adds, its analysis included.
 * Run only as bundled by bench/drive.mjs (buildFloorServer), as dist/server.js is.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } }));
connection.onHover(() => null);
documents.listen(connection);
connection.listen();
