import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { Overview } from '../../server/src/engine';
import { CHECK_FILES_REQUEST, OVERVIEW_REQUEST, type CheckFilesResult, type OverviewResult } from '../../server/src/shared/protocol';
import { fileUri, fixture, start, summary, type Session } from './client';

const FAULTY = fixture('lsp/faulty.md');
const CLEAN = '| Activity | Client | Provider |\n|---|---|---|\n| Build | RA | C |\n';

/** A request must be answered before this: a hang detector only. */
function within<T>(what: string, promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('raci/overview', () => {
  let session: Session;
  before(async () => {
    session = await start();
  });
  after(async () => {
    assert.equal(await session.shutdown(), 0);
  });

  it('answers the grids and totals of an open document, with ranges in the document', async () => {
    const uri = 'file:///virtual/overview.md';
    await session.open(uri, FAULTY);
    const overview = (await session.connection.sendRequest(OVERVIEW_REQUEST, { textDocument: { uri } })) as NonNullable<OverviewResult>;
    assert.equal(overview.uri, uri);
    assert.equal(overview.version, 1);
    assert.equal(overview.matrices.length, 1);
    const [matrix] = overview.matrices;
    assert.deepEqual(
      matrix.parties.map((p) => p.name),
      ['Équipe Produit', 'Équipe Ops', 'Sécurité'],
    );
    const cell = matrix.activities[2].cells[2];
    assert.deepEqual(
      cell.findings.map((f) => f.ruleId),
      ['invalid-role'],
    );
    const line = FAULTY.split('\n')[cell.range.start.line];
    assert.equal(line.slice(cell.range.start.character, cell.range.end.character), 'X');
    assert.deepEqual(overview.totals.find((t) => t.party === 'Équipe Ops')?.counts, {
      R: 1,
      A: 2,
      C: 0,
      I: 2,
    } satisfies Overview['totals'][number]['counts']);
  });

  it('follows edits, and answers null for a document that is not open', async () => {
    const uri = 'file:///virtual/overview-edit.md';
    await session.open(uri, FAULTY);
    const version = await session.change(uri, CLEAN);
    const overview = (await session.connection.sendRequest(OVERVIEW_REQUEST, { textDocument: { uri } })) as NonNullable<OverviewResult>;
    assert.equal(overview.version, version);
    assert.deepEqual(
      overview.matrices[0].activities.map((a) => a.name),
      ['Build'],
    );
    assert.equal(await session.connection.sendRequest(OVERVIEW_REQUEST, { textDocument: { uri: 'file:///virtual/not-open.md' } }), null);
  });
});

describe('raci/checkFiles', () => {
  let session: Session;
  let dir: string;
  const published = (uri: string) => session.published.filter((p) => p.uri === uri);
  const lastPublished = (uri: string): PublishDiagnosticsParams | undefined => published(uri).at(-1);
  const check = (uris: string[]) => session.connection.sendRequest(CHECK_FILES_REQUEST, { uris }) as Promise<CheckFilesResult>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-check-'));
    session = await start({ workspaceFolders: [fileUri(dir)] });
  });
  after(async () => {
    assert.equal(await session.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads each file from disk and publishes its diagnostics, honouring .raci.json', async () => {
    fs.writeFileSync(path.join(dir, 'faulty.md'), FAULTY);
    fs.writeFileSync(path.join(dir, 'clean.md'), CLEAN);
    fs.mkdirSync(path.join(dir, 'relaxed'));
    fs.writeFileSync(path.join(dir, 'relaxed', '.raci.json'), JSON.stringify({ rules: { 'missing-accountable': 'off' } }));
    fs.writeFileSync(path.join(dir, 'relaxed', 'faulty.md'), FAULTY);
    const [faulty, clean, relaxed, missing] = ['faulty.md', 'clean.md', 'relaxed/faulty.md', 'missing.md'].map((f) =>
      fileUri(path.join(dir, f)),
    );

    const result = await check([faulty, clean, relaxed, missing]);
    assert.deepEqual(result, { checked: 3, withFindings: 2, open: 0, failed: 1 });
    // Published before the answer, in order: nothing to wait for.
    const faultyCodes = summary(lastPublished(faulty)!.diagnostics);
    assert.ok(faultyCodes.includes('invalid-role 6:50-6:51'), faultyCodes.join(', '));
    assert.ok(faultyCodes.some((c) => c.startsWith('missing-accountable')));
    assert.deepEqual(lastPublished(clean)!.diagnostics, []);
    assert.ok(!summary(lastPublished(relaxed)!.diagnostics).some((c) => c.startsWith('missing-accountable')));
    assert.ok(summary(lastPublished(relaxed)!.diagnostics).some((c) => c.startsWith('invalid-role')));
    assert.equal(published(missing).length, 0);
    assert.ok(
      session.logs.some((l) => l.includes('missing.md')),
      'the unreadable file is logged',
    );
  });

  it('leaves open documents their live diagnostics; a checked file keeps its diagnostics when closed', async () => {
    const file = path.join(dir, 'open.md');
    fs.writeFileSync(file, FAULTY);
    const uri = fileUri(file);
    await session.open(uri, CLEAN); // the editor's text differs from the disk's
    assert.deepEqual(await session.diagnostics(uri, 1), []);
    assert.deepEqual(await check([uri]), { checked: 0, withFindings: 0, open: 1, failed: 0 });
    assert.equal(published(uri).length, 1, 'no publication from disk for an open document');

    const closedUri = fileUri(path.join(dir, 'faulty.md'));
    await session.open(closedUri, CLEAN);
    await session.diagnostics(closedUri, 1);
    const before = published(closedUri).length;
    await session.close(closedUri);
    await session.waitFor(
      'the disk diagnostics again after close',
      () => published(closedUri).length > before && lastPublished(closedUri)!.diagnostics.length > 0,
    );
    assert.equal(lastPublished(closedUri)!.version, undefined);

    // A file never checked is cleared on close, as before.
    await session.close(uri);
    await session.waitFor('open.md cleared', () => lastPublished(uri)!.diagnostics.length === 0 && published(uri).length === 2);
  });

  it('refuses FIFOs and devices at once: it answers, and later checks still run', async () => {
    const fifos = Array.from({ length: 6 }, (_, i) => path.join(dir, `pipe-${i}.md`));
    for (const fifo of fifos) assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const zero = path.join(dir, 'zero.md');
    fs.symlinkSync('/dev/zero', zero);
    const clean = fileUri(path.join(dir, 'clean.md'));
    const uris = [...fifos, zero].map(fileUri);
    assert.deepEqual(await within('a check of FIFOs', check([...uris, clean])), { checked: 1, withFindings: 0, open: 0, failed: 7 });
    assert.deepEqual(await within('a check of FIFOs again', check([...uris, clean])), { checked: 1, withFindings: 0, open: 0, failed: 7 });
    assert.ok(
      session.logs.some((l) => l.includes('pipe-0.md') && l.includes('not a regular file (a FIFO)')),
      session.logs.join('\n'),
    );
    for (const uri of uris) assert.equal(published(uri).length, 0);
    for (const file of [...fifos, zero]) fs.rmSync(file);
  });

  it('reads only Markdown files inside the workspace folders, and quotes nothing of the others', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-elsewhere-'));
    const secret = '| Activity | Key |\n|---|---|\n| sk-live-0123456789 | X |\n';
    fs.writeFileSync(path.join(elsewhere, 'outside.md'), secret);
    fs.writeFileSync(path.join(dir, 'notes.txt'), secret);
    fs.symlinkSync(path.join(elsewhere, 'outside.md'), path.join(dir, 'link.md'));
    const uris = [
      fileUri(path.join(elsewhere, 'outside.md')),
      fileUri(path.join(dir, 'notes.txt')),
      fileUri(path.join(dir, 'link.md')),
      `${fileUri(dir)}/../${path.basename(elsewhere)}/outside.md`,
      `${fileUri(dir)}/%2e%2e/${path.basename(elsewhere)}/outside.md`,
    ];
    assert.deepEqual(await within('a check outside the workspace', check(uris)), {
      checked: 0,
      withFindings: 0,
      open: 0,
      failed: uris.length,
    });
    assert.ok(
      !session.published.some((p) => p.diagnostics.some((d) => JSON.stringify(d.message).includes('sk-live'))),
      'no cell of those files comes back',
    );
    assert.ok(!session.logs.some((l) => l.includes('sk-live')));
    fs.rmSync(path.join(dir, 'notes.txt'));
    fs.rmSync(path.join(dir, 'link.md'));
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('refuses a .raci.json linked out of the workspace, with a message that quotes nothing of the file', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-elsewhere-'));
    fs.writeFileSync(path.join(elsewhere, 'credentials'), 'API_KEY=sk-live-0123456789\n');
    const linked = path.join(dir, 'linked');
    fs.mkdirSync(linked);
    fs.symlinkSync(path.join(elsewhere, 'credentials'), path.join(linked, '.raci.json'));
    fs.writeFileSync(path.join(linked, 'doc.md'), FAULTY);
    assert.deepEqual(await within('a check under a linked .raci.json', check([fileUri(path.join(linked, 'doc.md'))])), {
      checked: 1,
      withFindings: 1,
      open: 0,
      failed: 0,
    });
    const notice = await session.message('the refusal', (m) => m.message.includes('.raci.json'));
    assert.match(notice.message, /is a link to a file outside the workspace; it is not read/);
    assert.ok(!session.messages.some((m) => m.message.includes('sk-live')) && !session.logs.some((l) => l.includes('sk-live')));
    fs.rmSync(linked, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('stops when cancelled, and answers RequestCancelled', async () => {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many);
    const uris: string[] = [];
    for (let i = 0; i < 600; i++) {
      const file = path.join(many, `doc-${String(i).padStart(3, '0')}.md`);
      fs.writeFileSync(file, FAULTY.repeat(3));
      uris.push(fileUri(file));
    }
    const inMany = () => session.published.filter((p) => p.uri.includes('/many/')).length;
    const source = new CancellationTokenSource();
    const request = session.connection.sendRequest(CHECK_FILES_REQUEST, { uris }, source.token);
    const settled = request.then(
      () => 'answered',
      (error: { code?: number }) => error.code,
    );
    await session.waitFor('the first files checked', () => inMany() > 0, 20_000);
    source.cancel();
    assert.equal(await settled, LSPErrorCodes.RequestCancelled);
    const atCancel = inMany();
    assert.ok(atCancel < uris.length, `${atCancel} of ${uris.length} files were still checked`);
    // Anything the cancelled request would still publish would arrive before this answer.
    await check([fileUri(path.join(dir, 'clean.md'))]);
    assert.equal(inMany(), atCancel);
  });
});
