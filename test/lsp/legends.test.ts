import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionKind, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fixture, positionOf, serverForSuite, summary } from './client';

describe('legends and schemes', () => {
  const session = serverForSuite();

  it('reports a letter used throughout a matrix once, and its fix sets the scheme in the front matter', async () => {
    const uri = 'file:///virtual/undefined.en.md';
    await session.open(uri, fixture('legends/undefined.en.md'));
    const diagnostics = await session.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['undefined-role 10:42-10:43']);
    const actions = await session.codeActions(uri, diagnostics[0].range, diagnostics, [CodeActionKind.QuickFix]);
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 3), [
      'Add "S = Support" to a legend after this table',
      'Set "scheme: RASCI" in the front matter',
      'Set "scheme: RACI-VS" in the front matter',
    ]);
    const version = await session.applyEdits(uri, actions[1].edit!.changes![uri]);
    assert.match(session.text(uri), /^---\ntitle: Release plan\nraci:\n {2}scheme: RASCI\n---\n/);
    assert.deepEqual(summary(await session.diagnostics(uri, version)), []);
  });

  it('reads a legend written in a line, and says in the hover which scheme it inferred', async () => {
    const fr = 'file:///virtual/legende.fr.md';
    await session.open(fr, fixture('legends/legende.fr.md'));
    assert.deepEqual(summary(await session.diagnostics(fr, 1)), ['missing-accountable 8:2-8:12']);
    const s = await session.hover(fr, positionOf(session.text(fr), 6, 'S'));
    assert.match((s!.contents as MarkupContent).value, /\*\*S\*\* — Soutien/);

    const it = 'file:///virtual/dri.it.md';
    await session.open(it, fixture('legends/dri.it.md'));
    // The activity, and each of its two DRI (marked one by one).
    assert.deepEqual(summary(await session.diagnostics(it, 1)), [
      'multiple-accountable 5:2-5:14',
      'multiple-accountable 5:21-5:24',
      'multiple-accountable 5:28-5:31',
    ]);
    const dri = await session.hover(it, positionOf(session.text(it), 4, 'DRI'));
    const value = (dri!.contents as MarkupContent).value;
    assert.match(value, /\*\*DRI\*\* — Directly responsible individual/);
    assert.match(value, /Read with scheme DRI, inferred from its letters\./);
  });
});
