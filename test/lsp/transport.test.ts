import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { SERVER } from './client';
import { IpcMessageWriter } from '../../server/src/node/ipcWriter';

describe('transports', () => {
  it('speaks over node IPC, as the VS Code client starts it', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    assert.equal(result.serverInfo?.name, 'raci-markdown');
    assert.ok(result.capabilities.hoverProvider);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
  });
});

describe('the IPC writer', () => {
  it('says a message has left only when Node has written it out, and reports a failed write', async () => {
    const sends: ((error: Error | null) => void)[] = [];
    const channel = {
      send: (_message: unknown, _handle: undefined, _options: undefined, callback: (error: Error | null) => void) => {
        sends.push(callback);
        return true;
      },
      on: () => channel,
    };
    const writer = new IpcMessageWriter(channel);
    const errors: Error[] = [];
    writer.onError(([error]) => errors.push(error));
    let written = false;
    const first = writer.write({ jsonrpc: '2.0' }).then(() => (written = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written, false, 'settled before the message left');
    sends[0](null);
    await first;
    assert.equal(written, true);
    const second = writer.write({ jsonrpc: '2.0' });
    sends[1](new Error('channel closed'));
    await second;
    assert.deepEqual(
      errors.map((error) => error.message),
      ['channel closed'],
    );
  });
});
