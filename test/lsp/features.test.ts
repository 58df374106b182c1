import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind, SymbolKind, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, fixture, positionOf, start, summary, type Session } from './client';

const FIX_ALL = 'source.fixAll.raci';

describe('requests', () => {
  let session: Session;
  let seq = 0;
  /** Opens a fresh copy of a fixture and waits for its first diagnostics. */
  async function open(name: string, text = fixture(name)): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file:///virtual/${seq++}-${name.replace(/\//g, '-')}`;
    await session.open(uri, text);
    return { uri, diagnostics: await session.diagnostics(uri, 1) };
  }

  before(async () => {
    session = await start();
  });
  after(async () => {
    assert.deepEqual(session.staleViolations, []);
    assert.equal(await session.shutdown(), 0);
  });

  it('advertises what it implements', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.equal(capabilities.positionEncoding, 'utf-16');
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] });
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    for (const key of [
      'hoverProvider',
      'completionProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentSymbolProvider',
    ] as const) {
      assert.ok(capabilities[key], key);
    }
  });

  it('explains a role code on hover', async () => {
    const { uri } = await open('seed-llmaas.fr.md');
    const text = session.text(uri);
    const line = text.split('\n').findIndex((l) => l.startsWith('| Assurer la confidentialité'));
    const at = positionOf(text, line, '__A__');
    const hover = await session.hover(uri, { line, character: at.character + 2 });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    // The document's legend names the codes in French.
    assert.match(value, /^\*\*A\*\* — Approuve/);
    assert.match(value, /\| A \| Approuve \| Rôle Cloud Temple \|/);
    assert.match(value, /\| R \| Réalise \| Rôle Client \|/);
    assert.deepEqual(hover.range, { start: { line, character: at.character + 2 }, end: { line, character: at.character + 3 } });
  });

  it('summarises a party on hover over its header', async () => {
    const { uri } = await open('lsp/faulty.md');
    const hover = await session.hover(uri, positionOf(session.text(uri), 2, 'Ops'));
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /^\*\*Équipe Ops\*\* — 4 activities in this matrix/);
    // Ops holds I, A, RA, I: R once, A twice, I twice.
    assert.match(value, /\| R \| Responsible \| 1 \|/);
    assert.match(value, /\| A \| Accountable \| 2 \|/);
    assert.match(value, /\| I \| Informed \| 2 \|/);
  });

  it('applies every quick fix of every finding, and each one removes its finding', async () => {
    const { uri, diagnostics } = await open('lsp/faulty.md');
    const original = session.text(uri);
    let checked = 0;
    const reset = async () => {
      const version = await session.change(uri, original);
      assert.deepEqual(summary(await session.diagnostics(uri, version)), summary(diagnostics));
    };
    for (const diagnostic of diagnostics) {
      await reset();
      const actions = await session.codeActions(uri, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix]);
      const fixes = actions.filter((a) =>
        a.diagnostics?.some((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line),
      );
      assert.ok(fixes.length >= 2, `${diagnostic.code}: expected a fix and a disable action, got ${fixes.map((f) => f.title)}`);
      assert.ok(fixes.every((f) => f.kind === CodeActionKind.QuickFix));
      for (const fix of fixes) {
        // Back to the faulty text, then apply this one fix.
        await reset();
        const edits = fix.edit?.changes?.[uri];
        assert.ok(edits && edits.length > 0, `${fix.title} has no edit`);
        const version = await session.applyEdits(uri, edits);
        const after = await session.diagnostics(uri, version);
        const still = after.filter((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line);
        assert.deepEqual(still, [], `"${fix.title}" left ${diagnostic.code} on line ${diagnostic.range.start.line}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `only ${checked} fixes checked`);
  });

  it('offers no quick fix away from any finding', async () => {
    const { uri } = await open('lsp/faulty.md');
    assert.deepEqual(await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }), []);
  });

  it('fixes all safe problems at once with source.fixAll.raci', async () => {
    const { uri, diagnostics } = await open('lsp/faulty.md');
    assert.ok(diagnostics.some((d) => d.code === 'lowercase-role'));
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const actions = await session.codeActions(uri, whole, [], [FIX_ALL]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL);
    assert.equal(actions[0].title, 'Fix all safe RACI problems');
    const version = await session.applyEdits(uri, actions[0].edit!.changes![uri]);
    const after = await session.diagnostics(uri, version);
    assert.equal(after.filter((d) => d.code === 'lowercase-role').length, 0);
    assert.match(session.text(uri).split('\n')[6], /^\| Surveiller\s+\| R\s+\|/);
    // Nothing safe is left.
    assert.deepEqual(await session.codeActions(uri, whole, [], [FIX_ALL]), []);
    // Quick fixes are not offered when only fix-all is asked for.
    assert.ok((await session.codeActions(uri, whole, [], [FIX_ALL])).every((a) => a.kind === FIX_ALL));
  });

  it('completes a cell with the code the row lacks first', async () => {
    const { uri } = await open('lsp/faulty.md');
    // "Définir le besoin" has R (Produit) and I (Ops) but no A; complete in the empty Sécurité cell.
    const text = session.text(uri);
    // Just before the closing pipe of the empty cell (see the todo test below for elsewhere in it).
    const position = positionOf(text, 4, '|', 5);
    const items = await session.completion(uri, position);
    assert.ok(items.length > 0);
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.equal(sorted[0].label, 'A');
    assert.deepEqual(
      sorted.map((i) => i.label),
      ['A', 'R', 'C', 'I'],
    );
    // Applying it fixes the row.
    const edit = sorted[0].textEdit as { range: import('vscode-languageserver-protocol').Range; newText: string };
    const version = await session.applyEdits(uri, [edit]);
    const after = await session.diagnostics(uri, version);
    assert.ok(!summary(after).includes('missing-accountable 4:2-4:19'));
  });

  it('completes an empty cell with edits that contain the cursor wherever it is in the cell', async () => {
    const { uri } = await open('lsp/faulty.md');
    const position = { line: 4, character: positionOf(session.text(uri), 4, '|', 4).character + 2 };
    const items = await session.completion(uri, position);
    assert.ok(items.length > 0);
    for (const item of items) {
      const range = (item.textEdit as { range: import('vscode-languageserver-protocol').Range }).range;
      assert.ok(
        range.start.character <= position.character && position.character <= range.end.character,
        `${item.label}: ${JSON.stringify(range)}`,
      );
    }
  });

  it('offers no completion outside a matrix cell', async () => {
    const { uri } = await open('lsp/faulty.md');
    assert.deepEqual(await session.completion(uri, { line: 0, character: 4 }), []);
  });

  it('formats tables, and formatting twice changes nothing', async () => {
    const { uri } = await open('lsp/faulty.md');
    const edits = await session.format(uri);
    assert.ok(edits.length > 0, 'the faulty table is not aligned');
    const formatted = applyTextEdits(session.text(uri), edits);
    const lines = formatted.split('\n').filter((l) => l.startsWith('|'));
    const width = lines[0].length;
    assert.ok(
      lines.every((l) => l.length === width || l === lines.at(-1)),
      `not aligned:\n${lines.join('\n')}`,
    );
    const version = await session.change(uri, formatted);
    await session.diagnostics(uri, version);
    assert.deepEqual(await session.format(uri), []);
  });

  it('formats only the tables in the range', async () => {
    const text = `${fixture('lsp/faulty.md')}\n| Activity | Client |\n|---|---|\n| Run | RA |\n`;
    const { uri } = await open('lsp/faulty.md', text);
    const last = text.split('\n').length - 2;
    const edits = await session.format(uri, { start: { line: last - 2, character: 0 }, end: { line: last, character: 0 } });
    assert.ok(edits.length > 0);
    assert.ok(
      edits.every((e) => e.range.start.line >= last - 3),
      JSON.stringify(edits),
    );
  });

  it('lists matrices and activities as document symbols', async () => {
    const { uri } = await open('lsp/faulty.md');
    const symbols = await session.symbols(uri);
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'Projet Éléphant');
    const matrix = symbols[0].children?.[0];
    assert.ok(matrix);
    assert.equal(matrix.name, 'Activité × Équipe Produit, Équipe Ops, Sécurité');
    assert.deepEqual(
      matrix.children?.map((c) => c.name),
      ['Définir le besoin', 'Déployer', 'Surveiller', 'Auditer'],
    );
    assert.ok(matrix.children?.every((c) => typeof c.kind === 'number' && c.kind >= SymbolKind.File));
  });

  it('answers empty for a document that was never opened', async () => {
    const uri = 'file:///virtual/never-opened.md';
    const position = { line: 4, character: 20 };
    assert.equal(await session.hover(uri, position), null);
    assert.deepEqual(await session.completion(uri, position), []);
    assert.deepEqual(await session.codeActions(uri, { start: position, end: position }), []);
    assert.deepEqual(await session.format(uri), []);
    assert.deepEqual(await session.symbols(uri), []);
  });

  it('answers empty for positions past the end', async () => {
    const { uri } = await open('lsp/faulty.md');
    assert.equal(await session.hover(uri, { line: 500, character: 0 }), null);
    assert.deepEqual(await session.completion(uri, { line: 500, character: 3 }), []);
    assert.equal(await session.hover(uri, { line: 6, character: 5000 }), null);
  });

  it('stays alive after binary junk and still answers', async () => {
    let junk = '';
    for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 0xffff);
    junk += '\n| a | b |\n|---|\n|\0|\uD800|\n' + '|'.repeat(5000) + '\n';
    const { uri, diagnostics } = await open('junk.md', junk);
    assert.ok(Array.isArray(diagnostics));
    await session.hover(uri, { line: 1, character: 2 });
    await session.completion(uri, { line: 3, character: 1 });
    await session.format(uri);
    await session.symbols(uri);
    await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, [], [FIX_ALL]);
    // Still serving other documents.
    const { diagnostics: after } = await open('lsp/faulty.md');
    assert.equal(after.length, 9);
    assert.equal(session.process.exitCode, null);
  });
});
