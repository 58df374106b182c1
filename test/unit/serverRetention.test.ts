// The language server in this process, on an in-memory connection: what it keeps for a
// document once the document is closed, counted through `startServer`'s state (no heap
// measurement, no timing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/lsp/startServer';

const MATRIX = ['| Activity | Client | Provider |', '|---|---|---|', '| Build | RA | C |', '| Run | R | X |', ''].join('\n');

/** A server and a client joined by pipes; the client answers `workspace/configuration` when `release()` is called. */
async function inMemoryServer() {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const state = startServer(server);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  let waiting: (() => void)[] = [];
  let asked = 0;
  client.onRequest(ConfigurationRequest.type, async (params) => {
    asked++;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return params.items.map(() => ({}));
  });
  client.onNotification('textDocument/publishDiagnostics', () => undefined);
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: null,
  });
  await client.sendNotification(InitializedNotification.type, {});
  return {
    state,
    client,
    get asked() {
      return asked;
    },
    release() {
      const resolve = waiting;
      waiting = [];
      resolve.forEach((r) => r());
    },
    dispose() {
      client.dispose();
      server.dispose();
    },
  };
}

const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

test('closing a document while its requests wait for its settings leaves no model and no settings entry', async () => {
  const session = await inMemoryServer();
  try {
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const uri = `file:///retention/doc-${i}.md`;
      await session.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'markdown', version: 1, text: MATRIX },
      });
      // Every other document: the close is sent before the server even reads the requests' settings.
      answers.push(session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
      answers.push(session.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 11 } }));
      if (i % 2 === 0) await turns(8);
      await session.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    await turns(8);
    assert.ok(session.asked > 0, 'the requests wait for workspace/configuration');
    session.release();
    await Promise.all(answers);
    await turns(16);
    assert.deepEqual(session.state.retained(), { models: [], settings: [] });
  } finally {
    session.dispose();
  }
});

test('an open document keeps its model and settings until it is closed', async () => {
  const session = await inMemoryServer();
  try {
    const uri = 'file:///retention/open.md';
    await session.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: MATRIX },
    });
    const hover = session.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 11 } });
    await turns(8);
    session.release();
    assert.ok(await hover, 'the hover answers');
    assert.deepEqual(session.state.retained(), { models: [uri], settings: [uri] });
    await session.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await turns(8);
    assert.deepEqual(session.state.retained(), { models: [], settings: [] });
  } finally {
    session.dispose();
  }
});
