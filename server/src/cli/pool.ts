import { parentPort, Worker } from 'node:worker_threads';
import type { RaciSettings } from '../engine';

/** One file to lint: its place in the input order, its path and its settings. */
export interface Task {
  index: number;
  file: string;
  settings: RaciSettings;
}

type Reply<T> = { index: number; outcome: T } | { index: number; error: string };

/** The most files handed to a worker in one message. */
const MAX_BATCH = 32;

/**
 * Lints `count` files on `workers` worker threads (each runs `script`, which answers
 * through serveTasks), and hands each outcome to `onOutcome` in input order. Files go to
 * a worker in batches of consecutive files, one message each way per batch: with a
 * message per file, a worker spent as long waiting for its next file, and posting, as
 * linting a small one. A file is handed out only while fewer than `window` outcomes wait
 * for an earlier one: a slow file holds the others back rather than letting finished
 * results pile up in memory.
 */
export async function runInPool<T>(
  script: string,
  /** What every worker is told once, as its `workerData`. */
  setup: unknown,
  workers: number,
  count: number,
  taskOf: (index: number) => Task,
  onOutcome: (index: number, outcome: T) => void,
  window = 256,
): Promise<void> {
  const pool = Array.from({ length: workers }, () => new Worker(script, { workerData: setup }));
  // Small enough that every worker gets several batches, and the last ones end together.
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(count / (workers * 8))));
  const waiting = new Map<number, T>();
  let next = 0;
  let flushed = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (count === 0) return resolve();
      const give = (worker: Worker) => {
        // Two batches per worker: the next is there when the first is done.
        while (next < count && next < flushed + window && busy.get(worker)! < 2) {
          const tasks: Task[] = [];
          while (tasks.length < batch && next < count && next < flushed + window) tasks.push(taskOf(next++));
          worker.postMessage(tasks);
          busy.set(worker, busy.get(worker)! + 1);
        }
      };
      const busy = new Map(pool.map((worker) => [worker, 0]));
      for (const worker of pool) {
        worker.on('message', (replies: Reply<T>[]) => {
          busy.set(worker, busy.get(worker)! - 1);
          for (const reply of replies) {
            if ('error' in reply) return reject(new Error(reply.error));
            waiting.set(reply.index, reply.outcome);
          }
          try {
            while (waiting.has(flushed)) {
              const outcome = waiting.get(flushed)!;
              waiting.delete(flushed);
              onOutcome(flushed++, outcome);
            }
          } catch (error) {
            return reject(error);
          }
          if (flushed === count) return resolve();
          for (const each of pool) give(each);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (flushed < count) reject(new Error(`a lint worker stopped (exit code ${code})`));
        });
      }
      for (const worker of pool) give(worker);
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** The worker's side: lints each file of each batch it is given with `lint`, and replies once per batch. */
export function serveTasks<T>(lint: (task: Task) => T): void {
  parentPort?.on('message', (tasks: Task[]) => {
    const replies: Reply<T>[] = [];
    for (const task of tasks) {
      try {
        replies.push({ index: task.index, outcome: lint(task) });
      } catch (error) {
        replies.push({ index: task.index, error: (error as Error)?.stack ?? String(error) });
        break;
      }
    }
    parentPort?.postMessage(replies);
  });
}
