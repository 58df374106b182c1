/**
 * `raci/status`: what the language status item shows. Each publication of a document's
 * diagnostics comes with its counts (matrices, errors and warnings, a double A counted
 * once); a large document's first analysis is announced as busy first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, start } from './client';

describe('language status', () => {
  it('counts the matrices and the findings of each document, and says when a large one is being analysed', async () => {
    const session = await start();
    try {
      await session.open('file:///virtual/faulty.md', fixture('lsp/faulty.md'));
      await session.diagnostics('file:///virtual/faulty.md', 1);
      await session.waitFor('faulty status', () => session.statuses.some((s) => s.uri.endsWith('faulty.md')));
      const faulty = session.statuses.filter((s) => s.uri.endsWith('faulty.md'));
      assert.deepEqual(faulty.at(-1), { uri: 'file:///virtual/faulty.md', busy: false, matrices: 1, errors: 4, warnings: 2 });
      assert.ok(
        faulty.every((s) => !s.busy),
        'a small document is never shown busy',
      );

      await session.open('file:///virtual/prose.md', '# Notes\n\nNo table here.\n');
      await session.diagnostics('file:///virtual/prose.md', 1);
      await session.waitFor('prose status', () => session.statuses.some((s) => s.uri.endsWith('prose.md')));
      assert.equal(session.statuses.find((s) => s.uri.endsWith('prose.md'))?.matrices, 0);

      const rows = Array.from({ length: 6000 }, (_, i) => `| Task ${i} | R | A |`);
      const large = ['| Activity | Team | Client |', '|---|---|---|', ...rows, ''].join('\n');
      await session.open('file:///virtual/large.md', large);
      await session.diagnostics('file:///virtual/large.md', 1);
      await session.waitFor('large status', () => session.statuses.some((s) => s.uri.endsWith('large.md') && !s.busy));
      const states = session.statuses.filter((s) => s.uri.endsWith('large.md'));
      assert.equal(states[0].busy, true);
      assert.deepEqual(states.at(-1), { uri: 'file:///virtual/large.md', busy: false, matrices: 1, errors: 0, warnings: 0 });
    } finally {
      await session.shutdown();
    }
  });
});
