/**
 * A window reload stops the client while VS Code still asks for symbols, hovers and code
 * actions: those answer nothing instead of failing (VS Code logs a failed provider as
 * "provider FAILED"). While the client runs, a failure is still a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietWhenStopped } from '../../client/src/quietStop';

type Provider = (...args: unknown[]) => Promise<unknown>;

test('a request failing because the client stopped answers nothing', async () => {
  let stopped = false;
  const middleware = quietWhenStopped(() => stopped) as unknown as Record<string, Provider>;
  const closing = () => {
    stopped = true;
    return Promise.reject(new Error('Channel has been closed'));
  };
  assert.equal(await middleware.provideDocumentSymbols('doc', 'token', closing), undefined);
  // Once stopped, nothing is sent at all.
  let sent = 0;
  assert.equal(await middleware.provideHover('doc', 'position', 'token', () => ++sent), undefined);
  assert.equal(sent, 0);
});

test('while the client runs, answers and failures pass through', async () => {
  const middleware = quietWhenStopped(() => false) as unknown as Record<string, Provider>;
  assert.deepEqual(await middleware.provideCodeActions('doc', 'range', 'context', 'token', (...args: unknown[]) => args), [
    'doc',
    'range',
    'context',
    'token',
  ]);
  await assert.rejects(
    middleware.provideHover('doc', 'position', 'token', () => Promise.reject(new Error('engine error'))),
    /engine error/,
  );
  for (const name of [
    'provideHover',
    'provideCompletionItem',
    'provideCodeActions',
    'provideDocumentFormattingEdits',
    'provideDocumentRangeFormattingEdits',
    'provideDocumentSymbols',
  ]) {
    assert.equal(typeof middleware[name], 'function', name);
  }
});
