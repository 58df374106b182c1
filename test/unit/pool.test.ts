// The worker pool of raci-lint --jobs: files go to workers in batches, a message per batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { runInPool } from '../../server/src/cli/pool';

test('many files are handed to the workers in batches, a few messages each, and come back in input order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-pool-'));
  // A worker as serveTasks answers, that also says how many messages it had received.
  const script = path.join(dir, 'worker.cjs');
  fs.writeFileSync(
    script,
    [
      "const { parentPort } = require('node:worker_threads');",
      'let received = 0;',
      "parentPort.on('message', (tasks) => {",
      '  received++;',
      '  parentPort.postMessage(tasks.map((task) => ({ index: task.index, outcome: { file: task.file, received } })));',
      '});',
    ].join('\n'),
  );
  try {
    const count = 2_000;
    const outcomes: { index: number; file: string; received: number }[] = [];
    await runInPool<{ file: string; received: number }>(
      script,
      {},
      2,
      count,
      (index) => ({ index, file: `file-${index}.md`, settings: DEFAULT_SETTINGS }),
      (index, outcome) => outcomes.push({ index, ...outcome }),
    );
    assert.deepEqual(
      outcomes.map((o) => o.file),
      Array.from({ length: count }, (_, i) => `file-${i}.md`),
    );
    assert.deepEqual(
      outcomes.map((o) => o.index),
      Array.from({ length: count }, (_, i) => i),
    );
    // A message per file would be a thousand per worker.
    const messages = Math.max(...outcomes.map((o) => o.received));
    assert.ok(messages <= count / 16, `a worker received ${messages} messages for ${count} files`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
