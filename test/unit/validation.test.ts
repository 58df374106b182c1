import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { createValidator } from '../../server/src/lsp/validation';
import { createRaciService, DEFAULT_SETTINGS } from '../../server/src/engine';
import { matrix } from '../helpers/engine';

/** A document store with one document whose text can be replaced. */
function store(text: string) {
  let document = TextDocument.create('file:///v.md', 'markdown', 1, text);
  return {
    documents: { get: (uri: string) => (uri === document.uri ? document : undefined) } as unknown as TextDocuments<TextDocument>,
    change(next: string) {
      document = TextDocument.create(document.uri, 'markdown', document.version + 1, next);
    },
    get version() {
      return document.version;
    },
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a long analysis runs in slices: other work gets the event loop before it publishes', async () => {
  const docs = store('x');
  const events: string[] = [];
  let done!: () => void;
  const published = new Promise<void>((resolve) => (done = resolve));
  const validator = createValidator({
    documents: docs.documents,
    settingsFor: async () => DEFAULT_SETTINGS,
    *diagnose() {
      // A step that takes longer than a slice, many times over.
      for (let i = 0; i < 5; i++) {
        const until = performance.now() + 20;
        while (performance.now() < until);
        yield;
      }
      return [];
    },
    publish: () => {
      events.push('published');
      done();
    },
    onError: (_, error) => assert.fail(String(error)),
  });
  validator.schedule('file:///v.md');
  assert.equal(validator.pending('file:///v.md'), true);
  // Something else asks for the event loop while the analysis is under way.
  const other = (async () => {
    for (let i = 0; i < 12; i++) await turn();
    events.push('other work');
  })();
  await Promise.all([published, other]);
  assert.deepEqual(events, ['other work', 'published']);
});

test('a run made useless by a newer version is dropped, and only the newest version is published', async () => {
  const docs = store('one');
  const published: number[] = [];
  let dropped = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const validator = createValidator({
    documents: docs.documents,
    settingsFor: async () => DEFAULT_SETTINGS,
    *diagnose(document) {
      let completed = false;
      try {
        for (let i = 0; i < 3; i++) {
          const until = performance.now() + 20;
          while (performance.now() < until);
          yield;
        }
        completed = true;
        return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: String(document.version) }];
      } finally {
        if (!completed) dropped++;
      }
    },
    publish: (_, version) => {
      published.push(version);
      if (version === 2) done();
    },
    onError: (_, error) => assert.fail(String(error)),
  });
  validator.schedule('file:///v.md');
  // Let the first run start its slices, then a new version arrives.
  for (let i = 0; i < 12; i++) await turn();
  docs.change('two');
  validator.schedule('file:///v.md');
  await finished;
  assert.deepEqual(published, [2]);
  assert.equal(dropped, 1);
});

test('an analysis dropped half-way leaves the service answering as from scratch', () => {
  const rows = Array.from({ length: 80 }, (_, i) => `| Task ${i} | R | ${i % 7 ? 'A' : 'X'} |`);
  const text = `# T\n\n${matrix(rows)}\n## U\n\n${matrix(rows.slice(0, 40))}`;
  const service = createRaciService();
  const document = TextDocument.create('file:///d.md', 'markdown', 1, text);
  const steps = service.modelSteps(document, DEFAULT_SETTINGS);
  for (let i = 0; i < 3; i++) assert.equal(steps.next().done, false);
  steps.return(undefined as never);
  assert.equal(service.hasModel(document.uri), false);
  assert.deepEqual(service.getDiagnostics(document, DEFAULT_SETTINGS), createRaciService().getDiagnostics(document, DEFAULT_SETTINGS));
  assert.equal(service.hasModel(document.uri), true);
});

test('the idle hook runs once the last analysis is published, not while a newer version waits', { timeout: 10_000 }, async () => {
  const docs = store('one');
  const events: string[] = [];
  let idle!: () => void;
  const wentIdle = new Promise<void>((resolve) => (idle = resolve));
  const validator = createValidator({
    documents: docs.documents,
    settingsFor: async () => DEFAULT_SETTINGS,
    *diagnose(document) {
      for (let i = 0; i < 3; i++) {
        const until = performance.now() + 10;
        while (performance.now() < until);
        yield;
      }
      return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: String(document.version) }];
    },
    publish: (_, version) => {
      events.push(`published ${version}`);
    },
    onError: (_, error) => assert.fail(String(error)),
    idle: () => {
      events.push('idle');
      idle();
    },
  });
  // A burst: three versions in quick succession, the last one alone is analysed to the end.
  for (let version = 1; version <= 3; version++) {
    if (version > 1) docs.change(`v${version}`);
    validator.schedule('file:///v.md');
    for (let i = 0; i < 8; i++) await turn();
  }
  await wentIdle;
  for (let i = 0; i < 20; i++) await turn();
  assert.deepEqual(events, ['published 3', 'idle']);
});

test(
  'the idle hook waits until the diagnostics are written out: a large publication is not held back by housekeeping',
  { timeout: 10_000 },
  async () => {
    const docs = store('one');
    const events: string[] = [];
    let written!: () => void;
    let idle!: () => void;
    const wentIdle = new Promise<void>((resolve) => (idle = resolve));
    const validator = createValidator({
      documents: docs.documents,
      settingsFor: async () => DEFAULT_SETTINGS,
      *diagnose() {
        yield;
        return [];
      },
      // As vscode-jsonrpc's write: settles when the message has left, which the pipe decides.
      publish: () => {
        events.push('published');
        return new Promise<void>((resolve) => (written = resolve));
      },
      onError: (_, error) => assert.fail(String(error)),
      idle: () => {
        events.push('idle');
        idle();
      },
    });
    validator.schedule('file:///v.md');
    for (let i = 0; i < 40; i++) await turn();
    assert.deepEqual(events, ['published'], 'the hook ran while the diagnostics were still being written');
    events.push('written');
    written();
    await wentIdle;
    assert.deepEqual(events, ['published', 'written', 'idle']);
  },
);
