/**
 * Requests that VS Code makes while the language client stops (a window reload, a restart)
 * answer "nothing" instead of failing: VS Code logs each failed provider as "provider
 * FAILED", and a reload used to log three, about a channel that closes with the extension
 * host. Failures while the client runs still fail.
 */
import type { Middleware } from 'vscode-languageclient';

/** The providers this extension's server implements. */
const PROVIDERS = [
  'provideHover',
  'provideCompletionItem',
  'provideCodeActions',
  'provideDocumentFormattingEdits',
  'provideDocumentRangeFormattingEdits',
  'provideDocumentSymbols',
] as const;

/**
 * Middleware that turns a request failing, or made, while the client is stopping or
 * stopped into an empty answer. `stopped` tells whether it is (`client.state`, which
 * reads Stopped while stopping).
 */
export function quietWhenStopped(stopped: () => boolean): Middleware {
  const middleware: Record<string, unknown> = {};
  for (const name of PROVIDERS) {
    middleware[name] = async (...args: unknown[]) => {
      const next = args[args.length - 1] as (...rest: unknown[]) => unknown;
      if (stopped()) return undefined;
      try {
        return await next(...args.slice(0, -1));
      } catch (error) {
        if (stopped()) return undefined;
        throw error;
      }
    };
  }
  return middleware as Middleware;
}
