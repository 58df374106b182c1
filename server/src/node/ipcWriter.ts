import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** What of a process the writer uses: a seam for tests (a child process or this one). */
export interface IpcChannel {
  send?(message: unknown, sendHandle: undefined, options: undefined, callback: (error: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close' | 'disconnect', listener: () => void): unknown;
}

/**
 * The writer of a server that VS Code starts over Node IPC (`--node-ipc`), as
 * vscode-jsonrpc's IPCMessageWriter but for one thing: its promise settles once Node has
 * written the message out (the callback of `process.send`), where that writer's settles at
 * once. The validator waits for it before its housekeeping (a full garbage collection of
 * tens of milliseconds): a large document's diagnostics are more than the channel takes in
 * one write, and the rest went out only after the collection.
 */
export class IpcMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly channel: IpcChannel) {
    super();
    channel.on('error', (error) => this.fireError(error));
    channel.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        if (typeof this.channel.send !== 'function') return resolve();
        this.channel.send(message, undefined, undefined, (error) => {
          if (error) this.fireError(error, message, ++this.errorCount);
          else this.errorCount = 0;
          // Settled either way: a write that failed is reported, and nothing waits on it for good.
          resolve();
        });
      } catch (error) {
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      }
    });
  }

  end(): void {}
}
