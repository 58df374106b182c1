import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectWhenWorthIt, createIdleCollector } from '../../server/src/node/heap';

const MB = 2 ** 20;

test('without --expose-gc there is no idle collector, and V8 collects on its own', () => {
  assert.equal(createIdleCollector(undefined), undefined);
});

test('the idle collector frees the garbage that dropped versions of a document leave', () => {
  // The server is started with --expose-gc; this test process is not, so it takes V8's gc
  // the only other way there is (test code only: the product never sets flags at run time).
  setFlagsFromString('--expose-gc');
  const collect = createIdleCollector(runInNewContext('gc'));
  assert.ok(collect, 'a gc function gives an idle collector');
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

/**
 * A heap of `live` MB that the collector watches: `at(mb)` sets how much is in use and lets the
 * collector look; a full collection brings it back to `live`. Returns the sizes it collected at.
 */
function watchedHeap(live: number) {
  let heap = live * MB;
  const collections: number[] = [];
  const collect = collectWhenWorthIt({
    used: () => heap,
    full: () => {
      collections.push(heap / MB);
      heap = live * MB;
    },
  });
  return {
    collections,
    at(mb: number) {
      heap = mb * MB;
      collect();
    },
  };
}

test('a full collection once the garbage is at least a quarter of what is live, and 16 MB', () => {
  const heap = watchedHeap(40);
  heap.at(50);
  assert.deepEqual(heap.collections, [], '10 MB of garbage beside 40 MB live: nothing worth a pause');
  heap.at(61);
  assert.deepEqual(heap.collections, [61]);
  // V8 collected on its own: the estimate of what is live follows it down.
  heap.at(20);
  heap.at(37);
  assert.deepEqual(heap.collections, [61, 37]);
});

test('a large document: 20 MB of garbage beside 80 MB live is collected (the peak memory of a 30-party matrix)', () => {
  const heap = watchedHeap(80);
  heap.at(95);
  assert.deepEqual(heap.collections, [], '15 MB: less than 16 MB');
  heap.at(100);
  assert.deepEqual(heap.collections, [100]);
});
