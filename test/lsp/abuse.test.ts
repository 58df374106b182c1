/**
 * The server under abuse, through the protocol: huge documents, huge lines, huge
 * tables, deep nesting, invalid UTF-16 and UTF-8, positions past the end, documents
 * never opened, floods of changes and requests. It must stay up, answer every request
 * (a 10 s bound per request is a hang detector, not a benchmark: timings belong to
 * `npm run bench`) and stay under a memory ceiling (peak RSS, a leak detector).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { MessageType, type Position, type Range } from 'vscode-languageserver-protocol/node';
import { positionOf, start, summary, type Session } from './client';

/** Each request must be answered before this: a hang detector only. */
const HANG = 10_000;
/** Peak resident memory of the server after all the abuse below (VmHWM). */
const MEMORY_CEILING_MB = 600;

function within<T>(what: string, promise: Promise<T>, ms = HANG): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  assert.ok(match, 'no VmHWM in /proc/<pid>/status');
  return Number(match[1]) / 1024;
}

const MATRIX = ['| Activity | Client | Provider |', '|---|---|---|', '| Build | RA | C |', '| Run | R | X |', ''].join('\n');

/** Every request the server implements, at `position`: all must be answered (empty is fine). */
async function askEverything(session: Session, uri: string, position: Position, label: string): Promise<void> {
  const range: Range = { start: position, end: position };
  await within(`${label} hover`, session.hover(uri, position));
  await within(`${label} completion`, session.completion(uri, position));
  await within(`${label} codeAction`, session.codeActions(uri, range));
  await within(`${label} fixAll`, session.codeActions(uri, range, [], ['source.fixAll.raci']));
  await within(`${label} rangeFormatting`, session.format(uri, range));
  await within(`${label} formatting`, session.format(uri));
  await within(`${label} symbols`, session.symbols(uri));
}

describe('the server under abuse', { concurrency: false }, () => {
  let session: Session;
  before(async () => {
    session = await start();
  });
  after(async () => {
    // Still up after everything, and under the memory ceiling.
    assert.equal(session.process.exitCode, null, 'the server died');
    const peak = peakRssMb(session.process.pid!);
    assert.ok(peak < MEMORY_CEILING_MB, `server peak RSS ${peak.toFixed(0)} MB >= ${MEMORY_CEILING_MB} MB`);
    assert.deepEqual(session.staleViolations, []);
    assert.equal(await within('shutdown', session.shutdown()), 0);
  });

  it('skips a 20 MB document (above the default raci.maxDocumentSize), says so once, and answers empty', async () => {
    const uri = 'file:///abuse/twenty-mb.md';
    const big = MATRIX + ('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ' + '| x | X |\n').repeat((20 * 1024 * 1024) / 68);
    assert.ok(big.length > 20 * 1000 * 1000);
    await session.open(uri, big);
    await session.waitFor('diagnostics for the 20 MB document', () => session.published.some((p) => p.uri === uri), HANG);
    assert.deepEqual(await session.diagnostics(uri, 1), []);
    const notices = () => session.messages.filter((m) => m.message.includes('raci.maxDocumentSize'));
    await session.waitFor('the skip notice', () => notices().length > 0, HANG);
    assert.equal(notices()[0].type, MessageType.Info);
    assert.match(notices()[0].message, new RegExp(`${big.length}.*raci\\.maxDocumentSize \\(5242880\\)`));
    await askEverything(session, uri, { line: 2, character: 13 }, '20 MB');
    assert.equal(await session.hover(uri, { line: 2, character: 13 }), null, 'a skipped document has no hover');
    assert.deepEqual(await session.format(uri), []);
    const version = await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await session.waitFor(
      'diagnostics after the change',
      () => session.published.some((p) => p.uri === uri && p.version === version),
      HANG,
    );
    assert.deepEqual(await session.diagnostics(uri, version), []);
    assert.equal(notices().length, 1, 'the notice is shown once per document');
    // Another big document gets its own notice; the first still none more.
    const other = 'file:///abuse/twenty-mb-2.md';
    await session.open(other, big);
    await session.waitFor('the second notice', () => notices().length === 2, HANG);
    await session.close(other);
    await session.close(uri);
  });

  it('analyses a document with a 1 MB line and a 1 MB cell', async () => {
    const uri = 'file:///abuse/long-line.md';
    const text = 'é'.repeat(1024 * 1024) + '\n\n' + MATRIX + '| ' + 'Ä'.repeat(1024 * 1024) + ' | X | A |\n';
    await session.open(uri, text);
    await session.waitFor('diagnostics', () => session.published.some((p) => p.uri === uri), HANG);
    const diagnostics = await session.diagnostics(uri, 1);
    assert.ok(summary(diagnostics).includes('invalid-role 5:12-5:13'), summary(diagnostics).join('\n'));
    assert.ok(summary(diagnostics).includes(`invalid-role 6:${1024 * 1024 + 5}-6:${1024 * 1024 + 6}`), summary(diagnostics).join('\n'));
    await askEverything(session, uri, { line: 0, character: 512 * 1024 }, '1 MB line');
    await askEverything(session, uri, { line: 6, character: 1024 * 1024 + 5 }, '1 MB cell');
    await session.close(uri);
  });

  it('analyses a table inside 32 nested block quotes, and skips one inside 500 or a line of 2,000 nested list markers with a notice', async () => {
    const quoted = (depth: number) =>
      MATRIX.split('\n')
        .map((line) => '> '.repeat(depth) + line)
        .join('\n') +
      '\n' +
      Array.from({ length: depth }, (_, i) => '>'.repeat(i + 1) + ' deeper').join('\n') +
      '\n';
    const cases = [
      { uri: 'file:///abuse/nested-32.md', text: quoted(32), codes: ['missing-accountable', 'invalid-role'] },
      { uri: 'file:///abuse/nested-500.md', text: quoted(500), codes: ['skipped-section'] },
      // remark's time on such a line grows with the square of its markers: seconds at this depth.
      { uri: 'file:///abuse/nested-list.md', text: `${'- + '.repeat(1_000)}\`\`\`\n\n${MATRIX}`, codes: ['skipped-section'] },
    ];
    for (const { uri, text, codes } of cases) {
      await session.open(uri, text);
      await session.waitFor('diagnostics', () => session.published.some((p) => p.uri === uri), HANG);
      const diagnostics = await session.diagnostics(uri, 1);
      assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], codes, uri);
      await askEverything(session, uri, { line: 3, character: 1000 + 14 }, uri);
      await session.close(uri);
    }
  });

  it('keeps exact positions around lone surrogates and NUL characters', async () => {
    const uri = 'file:///abuse/surrogates.md';
    const lines = [
      '| Activity\uD800 | Client\uDFFF | Provider |',
      '|---|---|---|',
      '| Bu\uDC00ild\0 | RA | C |',
      '| R\uD83Dun | R\u0000 | X\uD800 |',
      '',
    ];
    const text = lines.join('\n');
    await session.open(uri, text);
    await session.waitFor('diagnostics', () => session.published.some((p) => p.uri === uri), HANG);
    const diagnostics = await session.diagnostics(uri, 1);
    const x = positionOf(text, 3, 'X');
    const invalid = diagnostics.filter((d) => d.range.start.line === 3 && d.range.start.character === x.character);
    assert.ok(invalid.length > 0, summary(diagnostics).join('\n'));
    await askEverything(session, uri, x, 'surrogates');
    await askEverything(session, uri, { line: 0, character: 11 }, 'between a surrogate and its line');
    await session.close(uri);
  });

  it('survives a message that is not valid UTF-8 and goes on serving', async () => {
    const uri = 'file:///abuse/bad-utf8.md';
    const [head, tail] = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'markdown', version: 1, text: '@@@' } },
    }).split('@@@');
    // An unpaired surrogate encoded as UTF-8 (CESU), a byte that is never UTF-8, a truncated sequence.
    const body = Buffer.concat([
      Buffer.from(`${head}| Activity | Client |\\n|---|---|\\n| Build `),
      Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xc3]),
      Buffer.from(` | X |\\n${tail}`),
    ]);
    // Written whole, between two messages of the connection's writer.
    await within('a round trip before', session.symbols('file:///abuse/none.md'));
    session.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    await session.waitFor('diagnostics for the invalid UTF-8 document', () => session.published.some((p) => p.uri === uri), HANG);
    await askEverything(session, uri, { line: 2, character: 4 }, 'invalid UTF-8');
  });

  it('answers empty at positions past the end and for ranges upside down', async () => {
    const uri = 'file:///abuse/positions.md';
    await session.open(uri, MATRIX);
    await session.diagnostics(uri, 1);
    const far = [
      { line: 4, character: 0 },
      { line: 5, character: 0 },
      { line: 1_000_000, character: 3 },
      { line: 2, character: 1_000_000 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: -1, character: -1 },
      { line: 0, character: -5 },
    ];
    for (const position of far) {
      await askEverything(session, uri, position, JSON.stringify(position));
      assert.equal(await session.hover(uri, position), null, JSON.stringify(position));
    }
    const upsideDown = { start: { line: 3, character: 5 }, end: { line: 1, character: 0 } };
    await within('codeAction upside down', session.codeActions(uri, upsideDown));
    await within('rangeFormatting upside down', session.format(uri, upsideDown));
    await within(
      'rangeFormatting past the end',
      session.format(uri, { start: { line: 0, character: 0 }, end: { line: 10_000, character: 10_000 } }),
    );
  });

  it('takes a change whose range starts past the last line as one at the end, and goes on serving the document', async () => {
    const uri = 'file:///abuse/past-the-end.md';
    const six = [
      '| Activity | Client | Provider |',
      '|---|---|---|',
      '| Build | RA | C |',
      '| Run | R | A |',
      '| Test | A | R |',
      '| Ship | R | A |',
    ].join('\n');
    await session.open(uri, six);
    await session.diagnostics(uri, 1);
    // Lines 6 and 7 of a 6-line document: both past the end.
    const inserted = await session.change(uri, [
      { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '| Deploy | r | a |\n' },
    ]);
    await session.diagnostics(uri, inserted);
    const far = await session.change(uri, [
      { range: { start: { line: 100_000_000, character: 0 }, end: { line: 100_000_001, character: 0 } }, text: '\n| Audit | R | A |\n' },
    ]);
    await session.diagnostics(uri, far);
    // A later edit inside the document: its diagnostics sit where the text is.
    const x = positionOf(session.text(uri), 2, 'C');
    const version = await session.change(uri, [{ range: { start: x, end: { line: x.line, character: x.character + 1 } }, text: 'X' }]);
    const diagnostics = await session.diagnostics(uri, version);
    assert.ok(summary(diagnostics).includes(`invalid-role 2:${x.character}-2:${x.character + 1}`), summary(diagnostics).join('\n'));
    assert.ok(
      diagnostics.every((d) => d.range.end.line <= 8),
      summary(diagnostics).join('\n'),
    );
    assert.ok(await within('hover after the changes', session.hover(uri, positionOf(session.text(uri), 3, 'R'))), 'hover answers');
    await session.close(uri);
  });

  it('answers empty for documents that were never opened, whatever their URI', async () => {
    for (const uri of [
      'file:///abuse/never.md',
      'untitled:Untitled-1',
      'file:///%zz%/x.md',
      '',
      'not a uri',
      'file:///abuse/positions.md#x',
    ]) {
      await askEverything(session, uri, { line: 0, character: 0 }, `never opened "${uri}"`);
      assert.equal(await session.hover(uri, { line: 2, character: 13 }), null);
      assert.deepEqual(await session.symbols(uri), []);
    }
    // Changes and closes of documents never opened are ignored, not fatal.
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///abuse/ghost.md', version: 2 },
      contentChanges: [{ text: 'x' }],
    });
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///abuse/ghost.md' } });
    // A method it does not know is answered with an error, not silence.
    await assert.rejects(within('an unknown request', session.connection.sendRequest('raci/noSuchRequest', {})));
    await within('a round trip after', session.symbols('file:///abuse/positions.md'));
  });

  it('after a burst of 500 changes, publishes for the final version and stays responsive', async () => {
    const uri = 'file:///abuse/flood.md';
    const ROWS = 40;
    const rows = Array.from({ length: ROWS }, (_, i) => `| Task ${i} | RA | C |`).join('\n');
    await session.open(uri, `| Activity | Client | Provider |\n|---|---|---|\n${rows}\n`);
    await session.diagnostics(uri, 1);
    const before = session.published.filter((p) => p.uri === uri).length;
    const state = Array.from({ length: ROWS }, () => 'C');
    const sent: Promise<number>[] = [];
    for (let i = 0; i < 500; i++) {
      // Toggle the Provider cell of row i % ROWS between "C" and "X", by range, without awaiting.
      const row = i % ROWS;
      const line = 2 + row;
      const character = `| Task ${row} | RA | `.length;
      state[row] = state[row] === 'C' ? 'X' : 'C';
      sent.push(
        session.change(uri, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: state[row] }]),
      );
    }
    const version = Math.max(...(await Promise.all(sent)));
    assert.equal(version, 501);
    const hover = within('hover right after the burst', session.hover(uri, { line: 2, character: 11 }));
    await session.waitFor(
      'diagnostics for the final version',
      () => session.published.some((p) => p.uri === uri && p.version === version),
      HANG,
    );
    assert.ok(await hover);
    const final = await session.diagnostics(uri, version);
    // X written throughout the matrix (3 times or more) is one undefined-role finding, fewer are each an invalid-role.
    const xs = state.filter((code) => code === 'X').length;
    if (xs >= 3) assert.match(String(final.find((d) => d.code === 'undefined-role')!.message), new RegExp(`is used ${xs} times`));
    else assert.equal(final.filter((d) => d.code === 'invalid-role').length, xs);
    assert.equal(
      session
        .text(uri)
        .split('\n')
        .filter((line) => line.endsWith('| X |')).length,
      state.filter((code) => code === 'X').length,
    );
    const publications = session.published.filter((p) => p.uri === uri).slice(before);
    assert.equal(publications.at(-1)!.version, version, 'the final version is published last');
    assert.ok(publications.length < 500, `changes not coalesced: ${publications.length} publications`);
    // A flood of requests: all answered.
    await within(
      '200 concurrent requests',
      Promise.all(Array.from({ length: 200 }, (_, i) => session.hover(uri, { line: 2 + (i % ROWS), character: 11 }))),
    );
    await session.close(uri);
  });
});

describe('a table 20,000 columns wide', () => {
  it('is skipped with a notice (over 1,000 columns), without hanging the server', async () => {
    const session = await start();
    try {
      const columns = 20_000;
      const text =
        `| Activity | ${Array.from({ length: columns }, (_, i) => `P${i}`).join(' | ')} |\n` +
        `|${'---|'.repeat(columns + 1)}\n` +
        `| Do | ${Array.from({ length: columns }, (_, i) => (i === 0 ? 'RA' : 'C')).join(' | ')} |\n`;
      const uri = 'file:///abuse/wide.md';
      await session.open(uri, text);
      await session.waitFor('diagnostics for the wide table', () => session.published.some((p) => p.uri === uri), HANG);
      const published = session.published.filter((p) => p.uri === uri).at(-1)!;
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['skipped-section'],
      );
      await askEverything(session, uri, { line: 2, character: 8 }, 'wide table');
      assert.ok(peakRssMb(session.process.pid!) < MEMORY_CEILING_MB);
      assert.equal(await within('shutdown', session.shutdown()), 0);
    } finally {
      session.process.kill('SIGKILL');
    }
  });
});
