import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { collectWhenWorthIt, createIdleCollector } from '../../server/src/node/heap';

const MB = 2 ** 20;

test('the idle collector frees the garbage that dropped versions of a document leave', () => {
  const collect = createIdleCollector();
  assert.ok(collect, 'Node lets the server have its garbage collector');
  collect();
  const before = getHeapStatistics().used_heap_size;
  // What thirty keystrokes in a large document leave behind: whole texts, each dropped. They
  // stay reachable until all are made, so that V8 cannot have collected them on its own.
  const texts: string[] = [];
  for (let i = 0; i < 30; i++) texts.push(`${'x'.repeat(MB)}${i}`.split('').reverse().join(''));
  const grown = getHeapStatistics().used_heap_size;
  assert.ok(grown - before > 20 * MB, `the test made garbage (${grown - before} bytes)`);
  const last = texts[texts.length - 1];
  texts.length = 0;
  collect();
  const after = getHeapStatistics().used_heap_size;
  assert.ok(after - before < 8 * MB, `collected down to ${after - before} bytes above the start`);
  assert.equal(last.length, MB + 2);
});

test('a full collection once the garbage is at least half of what is live (and 16 MB), a young one otherwise', () => {
  let heap = 40 * MB;
  let young = 0;
  const collections: string[] = [];
  const collect = collectWhenWorthIt({
    used: () => heap,
    young: () => young,
    full: () => {
      collections.push(`full at ${heap / MB}`);
      heap = 40 * MB;
      young = 0;
    },
    minor: () => {
      collections.push(`minor at ${young / MB}`);
      heap -= young;
      young = 0;
    },
  });
  heap = 50 * MB;
  collect();
  assert.deepEqual(collections, [], '10 MB of garbage beside 40 MB live, none of it young: nothing worth a pause');
  heap = 53 * MB;
  young = 3 * MB;
  collect();
  assert.deepEqual(collections, ['minor at 3']);
  heap = 61 * MB;
  young = 2 * MB;
  collect();
  assert.deepEqual(collections, ['minor at 3', 'full at 61']);
  // V8 collected on its own: the estimate of what is live follows it down.
  heap = 20 * MB;
  collect();
  heap = 37 * MB;
  collect();
  assert.deepEqual(collections, ['minor at 3', 'full at 61', 'full at 37']);
});
