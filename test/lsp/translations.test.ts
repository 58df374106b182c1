import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHECK_FILES_REQUEST, COMPARE_REQUEST, type CompareResult } from '../../server/src/shared/protocol';
import { applyTextEdits, fileUri, start, summary, type Session } from './client';

const table = (...rows: string[]) => `| Activity | Customer | Provider |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
const SOURCE = `# Keys\n\n${table('| Rotate keys | C | RA |', '| Back up | R | A |')}`;
const GERMAN = `# Schlüssel\n\n${table('| Schlüssel rotieren | CI | RA |', '| Sichern | R | A |')}`;
const DE_PATH = 'i18n/de/docusaurus-plugin-content-docs/current/keys.md';

describe('translations in the language server', () => {
  let session: Session;
  let dir: string;
  let source: string;
  let german: string;
  const latest = (uri: string) => session.published.filter((p) => p.uri === uri).at(-1);

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-i18n-lsp-')));
    for (const [file, text] of [
      ['docs/keys.md', SOURCE],
      [DE_PATH, GERMAN],
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    source = fileUri(path.join(dir, 'docs/keys.md'));
    german = fileUri(path.join(dir, DE_PATH));
    session = await start({ workspaceFolders: [fileUri(dir)] });
  });
  after(async () => {
    assert.equal(await session.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports drift on an open translation, its source read from disk, with the source cell related and a fix', async () => {
    await session.open(german, GERMAN);
    const diagnostics = await session.diagnostics(german, 1);
    assert.deepEqual(summary(diagnostics), ['translation-drift 4:23-4:25']);
    const [drift] = diagnostics;
    assert.deepEqual(
      drift.relatedInformation?.map((r) => [r.location.uri, r.location.range.start]),
      [[source, { line: 4, character: 16 }]],
    );
    const actions = await session.codeActions(german, drift.range, [drift]);
    const fix = actions.find((action) => action.title === "Use the source's codes (C)");
    assert.ok(fix?.edit?.changes, JSON.stringify(actions));
    const fixed = applyTextEdits(GERMAN, fix.edit.changes[german]);
    assert.ok(fixed.includes('| Schlüssel rotieren | C  | RA |'), fixed);
    const version = await session.change(german, fixed);
    assert.deepEqual(await session.diagnostics(german, version), []);
  });

  it('follows the source as it is edited in the editor', async () => {
    const beforeOpen = session.published.length;
    await session.open(source, SOURCE);
    // Opened, the source is read from the editor from now on: the translation is checked again, still clean.
    await session.waitFor('the translation checked against the open source', () =>
      session.published.slice(beforeOpen).some((p) => p.uri === german),
    );
    assert.deepEqual(latest(german)!.diagnostics, []);
    const published = session.published.length;
    await session.change(source, SOURCE.replace('| Back up | R | A |', '| Back up | RA | I |'));
    await session.waitFor('the translation checked again', () =>
      session.published.slice(published).some((p) => p.uri === german && p.diagnostics.length > 0),
    );
    assert.deepEqual(summary(latest(german)!.diagnostics), ['translation-drift 5:12-5:13', 'translation-drift 5:16-5:17']);
    await session.close(source);
    await session.close(german);
  });

  it('"Check All Documents" reports the drift of a closed translation', async () => {
    fs.writeFileSync(path.join(dir, DE_PATH), GERMAN);
    const result = await session.connection.sendRequest(CHECK_FILES_REQUEST, { uris: [source, german] });
    assert.deepEqual(result, { checked: 2, withFindings: 1, open: 0, failed: 0 });
    assert.deepEqual(summary(latest(german)!.diagnostics), ['translation-drift 4:23-4:25']);
    assert.deepEqual(latest(source)!.diagnostics, []);
  });
});

describe('raci/compare', () => {
  let session: Session;
  before(async () => {
    session = await start();
  });
  after(async () => {
    assert.equal(await session.shutdown(), 0);
  });

  it('answers the responsibility changes of an open document since a given text, with ranges in the document', async () => {
    const uri = 'file:///virtual/compare.md';
    const now = `# Keys\n\n${table('| Back up | R | A |', '| Rotate keys | A | RA |')}`;
    await session.open(uri, now);
    const result = (await session.connection.sendRequest(COMPARE_REQUEST, {
      textDocument: { uri },
      base: { text: SOURCE, label: 'HEAD' },
    })) as NonNullable<CompareResult>;
    assert.equal(result.label, 'HEAD');
    assert.deepEqual(
      result.matrices.map((m) => m.title),
      ['Keys'],
    );
    const [changed] = result.matrices[0].changes;
    assert.equal(changed.text, 'Rotate keys (moved) — Accountable: + Customer; Consulted: − Customer');
    assert.deepEqual(changed.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 13 } });
    assert.equal(
      await session.connection.sendRequest(COMPARE_REQUEST, {
        textDocument: { uri: 'file:///virtual/closed.md' },
        base: { text: '', label: 'x' },
      }),
      null,
    );
  });
});
