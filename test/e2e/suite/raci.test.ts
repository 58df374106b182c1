import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateProduct, lineOf, openFile, restoreFromDisk, ruleId, waitForDiagnostics, waitForValue } from './helpers';

// The product's contract as a user meets it in the editor. workspace/faulty.md holds one
// finding of each kind on a known row; the seed document is a real, correct matrix.
const FAULTS = [
  { code: 'missing-accountable', row: 'Nobody approves this' },
  { code: 'multiple-accountable', row: 'Two people approve this' },
  { code: 'invalid-role', row: 'A typo in the role code' },
] as const;

const hasFinding = (doc: vscode.TextDocument, code: string, row: string) => (diags: vscode.Diagnostic[]) =>
  diags.some((d) => ruleId(d) === code && d.range.start.line === lineOf(doc, row));

const isProblem = (d: vscode.Diagnostic) =>
  d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;

suite('raci language features', () => {
  suiteSetup(async () => {
    await activateProduct();
  });

  teardown(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === 'file') await restoreFromDisk(doc);
  });

  test('faulty.md gets each expected finding on its row, and none on the correct row', async () => {
    const doc = await openFile('faulty.md');
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => FAULTS.every((f) => hasFinding(doc, f.code, f.row)(ds)),
      'missing-accountable, multiple-accountable and invalid-role',
    );
    const correct = lineOf(doc, 'A correct row for reference');
    assert.deepEqual(diags.filter((d) => d.range.start.line === correct).map(ruleId), []);
    const typo = diags.find((d) => ruleId(d) === 'invalid-role')!;
    assert.equal(doc.getText(typo.range).replace(/_/g, '').trim(), 'X', 'invalid-role should point at the bad code');
  });

  test('the seed document gets no error or warning, and the server does watch it', async () => {
    const doc = await openFile('seed-llmaas.fr.md');
    const editor = vscode.window.activeTextEditor!;
    // Prove the server lints this file (so "no findings" is not just silence): break a cell...
    const row = lineOf(doc, 'Assurer la disponibilité de l');
    const cell = doc.lineAt(row).text.lastIndexOf('__RA__');
    await editor.edit((e) => e.replace(new vscode.Range(row, cell, row, cell + 6), '__RX__'));
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleId(d) === 'invalid-role'), 'invalid-role in the edited seed');
    // ...then restore it and wait for the findings to go away again.
    await restoreFromDisk(doc);
    const diags = await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => ruleId(d) === 'invalid-role'), 'the seed to be clean again');
    const problems = diags.filter(isProblem).map((d) => `${ruleId(d)}@${d.range.start.line + 1}: ${d.message}`);
    assert.deepEqual(problems, []);
  });

  test('a hover on a role code explains it', async () => {
    const doc = await openFile('faulty.md');
    const line = lineOf(doc, 'A correct row for reference');
    const col = doc.lineAt(line).text.indexOf('__RA__') + 2; // on the R
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(line, col),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /Responsible|Réalise/i, `hover text was: ${text || '(none)'}`);
  });

  for (const fault of FAULTS) {
    test(`a quick fix for ${fault.code} removes the finding`, async () => {
      const doc = await openFile('faulty.md');
      const [diag] = (await waitForDiagnostics(doc.uri, hasFinding(doc, fault.code, fault.row), fault.code)).filter(
        (d) => ruleId(d) === fault.code,
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        diag.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.edit && (a.diagnostics ?? []).some((d) => ruleId(d) === fault.code)) ?? actions.find((a) => a.edit);
      assert.ok(fix, `no quick fix with an edit; got: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.equal(await vscode.workspace.applyEdit(fix.edit!), true);
      await waitForDiagnostics(doc.uri, (ds) => !hasFinding(doc, fault.code, fault.row)(ds), `"${fix.title}" to remove ${fault.code}`);
    });
  }

  test('the preferred fix on the invalid-code row removes the typo and brings no new finding', async () => {
    const doc = await openFile('faulty.md');
    const row = 'A typo in the role code';
    const [diag] = (await waitForDiagnostics(doc.uri, hasFinding(doc, 'invalid-role', row), 'invalid-role')).filter(
      (d) => ruleId(d) === 'invalid-role',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title).join(' | ');
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `preferred fixes among: ${titles}`);
    assert.equal(preferred[0].title, 'Remove "X"', titles);
    // The row has its A already: a fix making a second one is not offered.
    assert.ok(!actions.some((a) => a.title === 'Replace "X" with "A"'), titles);
    assert.equal(await vscode.workspace.applyEdit(preferred[0].edit!), true);
    const after = await waitForDiagnostics(doc.uri, (ds) => !hasFinding(doc, 'invalid-role', row)(ds), 'the typo to go');
    const line = lineOf(doc, row);
    assert.deepEqual(after.filter((d) => d.range.start.line === line).map(ruleId), []);
  });

  test('the language status item counts the matrices and errors of the active document', async () => {
    const ext = await activateProduct();
    const status = (ext.exports as { status: vscode.LanguageStatusItem }).status;
    const doc = await openFile('faulty.md');
    await waitForDiagnostics(doc.uri, (ds) => FAULTS.every((f) => hasFinding(doc, f.code, f.row)(ds)), 'the faults of faulty.md');
    await waitForValue(() => status.text, 'RACI: 1 matrix · 3 errors');
    assert.equal(status.severity, vscode.LanguageStatusSeverity.Error);
    assert.equal(status.command?.command, 'raci.showOverview');
    await openFile('seed-llmaas.fr.md');
    await waitForValue(() => status.text, 'RACI: 6 matrices');
    assert.equal(status.severity, vscode.LanguageStatusSeverity.Information);
  });

  test('completion in an empty matrix cell offers the role codes', async () => {
    const doc = await openFile('seed-llmaas.fr.md');
    const line = lineOf(doc, 'Développer et maintenir le code');
    const text = doc.lineAt(line).text;
    const pos = new vscode.Position(line, text.lastIndexOf('|') - 1); // inside the empty last cell
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    // Word-based suggestions (kind Text, no detail) echo the document's own "__RA__" cells: not the product's.
    const own = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text || i.detail || i.documentation);
    const codes = own
      .map(label)
      .map((l) => l.replace(/[_\s]/g, ''))
      .filter((l) => /^[RACI]+$/.test(l));
    const letters = new Set(codes.join(''));
    for (const code of 'RACI') {
      assert.ok(letters.has(code), `no completion offers ${code}; labels: ${list.items.map(label).slice(0, 30).join(', ') || '(none)'}`);
    }
  });

  test('formatting aligns a matrix and is idempotent', async () => {
    const doc = await openFile('unformatted.md');
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, options);
    assert.ok(edits && edits.length > 0, 'the formatter returned no edit for a misaligned table');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.equal(await vscode.workspace.applyEdit(we), true);
    const rows = doc
      .getText()
      .split('\n')
      .filter((l) => l.startsWith('|'));
    const pipes = (l: string) => [...l].flatMap((ch, i) => (ch === '|' ? [i] : [])).join(',');
    assert.equal(new Set(rows.map(pipes)).size, 1, `pipes not aligned:\n${rows.join('\n')}`);
    const formatted = doc.getText();
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, options);
    const we2 = new vscode.WorkspaceEdit();
    we2.set(doc.uri, again ?? []);
    await vscode.workspace.applyEdit(we2);
    assert.equal(doc.getText(), formatted, 'formatting a formatted table changed it again');
  });
});
