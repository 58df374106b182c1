import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateProduct, openFile, raciDiagnostics, restoreFromDisk, ruleId, waitForDiagnostics, workspaceFile } from './helpers';

// The preview plugin, the matrix overview and "Check All Documents", as a user meets them.
const MATRIX = ['# Never opened', '', '| Activity | Client | Provider |', '|---|---|---|', '| Nobody approves | R | C |', ''].join('\n');

function webviewTab(label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === label);
}

/** Resolves once `ok()` holds, checked now and on every tab change; rejects after the timeout. */
function waitForTabs(ok: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!ok()) return false;
      cleanup();
      resolve();
      return true;
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => done());
    const timer = setTimeout(() => {
      cleanup();
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; tabs: [${tabs.join(', ')}]`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    done();
  });
}

type Api = { client: { sendRequest<R>(method: string, params: unknown): Promise<R>; diagnostics?: vscode.DiagnosticCollection } };
const CREATED = ['never-opened.md', 'generated/ignored.md', 'generated', '.gitignore'];

suite('raci preview, overview and workspace check', () => {
  suiteSetup(async () => {
    await activateProduct();
  });

  // Leave the workbench as the other suites and the final screenshot expect it.
  suiteTeardown(async () => {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('RACI Overview'));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    const api = vscode.extensions.getExtension('raci-markdown.raci-markdown')?.exports as Api | undefined;
    api?.client.diagnostics?.delete(workspaceFile('never-opened.md'));
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    for (const name of CREATED) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
  });

  test('the Markdown preview colours the codes of a matrix, and only there', async () => {
    const html = await vscode.commands.executeCommand<string>(
      'markdown.api.render',
      `${MATRIX}\n| Name | Team |\n|---|---|\n| Ann | Ops |\n`,
    );
    assert.match(html, /<span class="raci-code raci-R[^"]*"[^>]*>R<\/span>/, html);
    assert.match(html, /<span class="raci-code raci-C[^"]*"[^>]*>C<\/span>/);
    assert.doesNotMatch(html.split('Ann')[1] ?? '', /raci-code/);
  });

  test('RACI: Show Matrix Overview opens a webview for the active document, with its data from the server', async () => {
    const doc = await openFile('faulty.md');
    await vscode.commands.executeCommand('raci.showOverview');
    const label = 'RACI Overview: faulty.md';
    await waitForTabs(() => webviewTab(label) !== undefined, `a webview tab "${label}"`);
    assert.match((webviewTab(label)!.input as vscode.TabInputWebview).viewType, /raci\.overview$/);
    // What the panel shows comes from raci/overview: ask the same client.
    const api = vscode.extensions.getExtension('raci-markdown.raci-markdown')!.exports as Api;
    const overview = await api.client.sendRequest<{ matrices: { activities: { name: string; findings: { ruleId: string }[] }[] }[] }>(
      'raci/overview',
      { textDocument: { uri: doc.uri.toString() } },
    );
    const rows = overview.matrices[0].activities;
    assert.deepEqual(
      rows.find((a) => a.name === 'Nobody approves this')?.findings.map((f) => f.ruleId),
      ['missing-accountable'],
    );
    // Running it again with the panel open reuses the panel.
    await vscode.commands.executeCommand('raci.showOverview');
    const count = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === label).length;
    assert.equal(count, 1);
  });

  test('a translation that drifts from its source gets translation-drift on its cell, and loses it when the source agrees', async () => {
    // A Docusaurus site: the French source in docs/, its German translation in i18n/de/.
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const source =
      '# Clés\n\n| Activité | Client | Fournisseur |\n| --- | --- | --- |\n| Gérer les clés | R | A |\n| Sauvegarder | C | RA |\n';
    const translation =
      '# Schlüssel\n\n| Aktivität | Kunde | Anbieter |\n| --- | --- | --- |\n| Schlüssel verwalten | R | A |\n| Sichern | CI | RA |\n';
    const translationPath = path.join(folder, 'i18n', 'de', 'docusaurus-plugin-content-docs', 'current', 'keys.md');
    fs.mkdirSync(path.join(folder, 'docs'), { recursive: true });
    fs.mkdirSync(path.dirname(translationPath), { recursive: true });
    fs.writeFileSync(path.join(folder, 'docs', 'keys.md'), source);
    fs.writeFileSync(translationPath, translation);

    const doc = await openFile('i18n/de/docusaurus-plugin-content-docs/current/keys.md');
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => ruleId(d) === 'translation-drift'),
      'translation-drift on the German translation',
    );
    const drift = diags.filter((d) => ruleId(d) === 'translation-drift');
    assert.equal(drift.length, 1, JSON.stringify(drift.map((d) => d.message)));
    assert.equal(doc.getText(drift[0].range), 'CI');
    assert.equal(drift[0].range.start.line, 5);
    assert.equal(drift[0].severity, vscode.DiagnosticSeverity.Warning);
    // It points at the source's cell.
    const related = drift[0].relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri.path.endsWith('/docs/keys.md') && r.location.range.start.line === 5),
      JSON.stringify(related.map((r) => [r.location.uri.toString(), r.location.range.start.line])),
    );
    // The quick fix writes the source's codes.
    const actions = (await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      doc.uri,
      drift[0].range,
      vscode.CodeActionKind.QuickFix.value,
    )) as vscode.CodeAction[];
    assert.ok(
      actions.some((a) => a.title === "Use the source's codes (C)"),
      actions.map((a) => a.title).join('\n'),
    );

    // The source changes in the editor to say CI too: the translation agrees, live.
    const sourceDoc = await openFile('docs/keys.md');
    const edit = new vscode.WorkspaceEdit();
    const line = sourceDoc.lineAt(5).text;
    const at = line.indexOf('| C |') + 2;
    edit.replace(sourceDoc.uri, new vscode.Range(5, at, 5, at + 1), 'CI');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => ruleId(d) === 'translation-drift'),
      'no translation-drift once the source says CI',
    );
    await restoreFromDisk(sourceDoc);
  });

  test('RACI: Check All Documents fills the Problems panel for files that are not open, honouring .gitignore', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.writeFileSync(path.join(folder, 'never-opened.md'), MATRIX);
    fs.mkdirSync(path.join(folder, 'generated'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'generated', 'ignored.md'), MATRIX);
    fs.writeFileSync(path.join(folder, '.gitignore'), 'generated/\n');
    const unopened = workspaceFile('never-opened.md');
    const ignored = workspaceFile('generated/ignored.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'never-opened.md is not open');
    assert.deepEqual(raciDiagnostics(unopened), []);

    const result = (await vscode.commands.executeCommand('raci.checkAllDocuments')) as
      { checked: number; withFindings: number } | undefined;
    assert.ok(result && result.checked >= 1, `result: ${JSON.stringify(result)}`);
    const diags = await waitForDiagnostics(
      unopened,
      (ds) => ds.some((d) => ruleId(d) === 'missing-accountable'),
      'missing-accountable in never-opened.md',
    );
    assert.equal(diags.find((d) => ruleId(d) === 'missing-accountable')!.range.start.line, 4);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'the check opened no document');
    assert.deepEqual(raciDiagnostics(ignored), [], "a file under a .gitignore'd folder was checked");
  });
});
