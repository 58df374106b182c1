import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { raciDiagnostics } from './helpers';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}
export interface SuiteResults {
  suite: string;
  passed: number;
  failed: number;
  tests: TestResult[];
}

/**
 * RACI_E2E_SUITE=smoke proves the harness alone; core is the language features' contract
 * (what the self-check's fake product implements); full (the default) adds the preview,
 * overview and whole-workspace commands.
 */
const SUITES: Record<string, string[]> = {
  smoke: ['smoke.test.js'],
  core: ['smoke.test.js', 'raci.test.js'],
  full: ['smoke.test.js', 'raci.test.js', 'features.test.js'],
};

function runSuite(which: string): Promise<SuiteResults> {
  const files = SUITES[which];
  if (!files) return Promise.reject(new Error(`RACI_E2E_SUITE=${which}: expected one of ${Object.keys(SUITES).join(', ')}`));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000 });
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const results: SuiteResults = { suite: which, passed: 0, failed: 0, tests: [] };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(results));
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
    });
    // Also fires for failing hooks, which must count as failures too.
    runner.on('fail', (t, err: Error) => {
      results.failed++;
      results.tests.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) });
    });
  });
}

/**
 * The extensionTestsPath entry point, for @vscode/test-electron and for test/e2e/run.mjs
 * alike: rejects when anything failed, which VS Code turns into a non-zero exit code.
 */
export async function run(): Promise<void> {
  if (process.env.RACI_E2E_SCREENS) return stageScreens(process.env.RACI_E2E_SCREENS, process.env.RACI_E2E_SCREENS_SET ?? 'readme');
  const results = await runSuite(process.env.RACI_E2E_SUITE || 'full');
  for (const t of results.tests) console.log(`${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title}${t.error ? `\n${t.error}` : ''}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  const out = process.env.RACI_E2E_RESULTS;
  if (out) await handOver(out, results);
  if (results.failed > 0 || results.passed === 0) throw new Error(`${results.failed} failed, ${results.passed} passed`);
}

/**
 * For run.mjs: the extension host (and with it the language server and its squiggles) stops
 * as soon as run() returns, so stage what a person would look at, publish the results, and
 * wait for the driver's screenshot (its .ack file) before returning.
 */
async function handOver(out: string, results: SuiteResults): Promise<void> {
  try {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    const [faulty] = await vscode.workspace.findFiles('faulty.md', undefined, 1);
    if (faulty) await vscode.window.showTextDocument(faulty, { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    if (faulty && results.suite !== 'smoke') {
      await waitUntil(() => raciDiagnostics(faulty).length > 0, 10_000);
      // A hover on the second A of "Two people approve this", as a person would point at it.
      const editor = await vscode.window.showTextDocument(faulty, { preview: false });
      const line = editor.document
        .getText()
        .split(/\r?\n/)
        .findIndex((text) => text.includes('Two people approve this'));
      if (line >= 0) {
        const character = editor.document.lineAt(line).text.lastIndexOf('__A__') + 2;
        editor.selection = new vscode.Selection(line, character, line, character);
        await vscode.commands.executeCommand('editor.action.showHover');
        await waitUntil(() => false, 1_500); // the hover fetches from the server and fades in
      }
    }
  } catch (err) {
    console.log(`staging the screenshot failed: ${err}`);
  }
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${out}.tmp`, out); // so the driver never reads half a file
  await waitUntil(() => fs.existsSync(`${out}.ack`), 30_000);
}

function waitUntil(ok: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const tick = () => (ok() ? resolve(true) : Date.now() > end ? resolve(false) : setTimeout(tick, 200));
    tick();
  });
}

/**
 * For screenshots.mjs: stages each screen of the README (the French hover, the other
 * table layouts), then
 * writes `NAME.ready` in `dir` and waits for the driver's `NAME.ack` (its screenshot).
 */
async function stageScreens(dir: string, set: string): Promise<void> {
  const shot = async (name: string) => {
    fs.writeFileSync(path.join(dir, `${name}.ready`), '');
    await waitUntil(() => fs.existsSync(path.join(dir, `${name}.ack`)), 60_000);
  };
  const theme = (name: string) =>
    vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  const open = async (name: string) => {
    const [uri] = await vscode.workspace.findFiles(name, undefined, 1);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    await waitUntil(() => raciDiagnostics(uri).length > 0 || name.startsWith('seed'), 20_000);
    return editor;
  };
  /** Puts the cursor on `needle` (its `offset`-th character) in the line holding `row`, and shows the hover there. */
  const hoverAt = async (editor: vscode.TextEditor, row: string, needle: string, offset: number, last = false) => {
    const line = editor.document
      .getText()
      .split(/\r?\n/)
      .findIndex((text) => text.includes(row));
    const text = editor.document.lineAt(line).text;
    const character = (last ? text.lastIndexOf(needle) : text.indexOf(needle)) + offset;
    editor.selection = new vscode.Selection(line, character, line, character);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    await waitUntil(() => false, 2_000); // the hover fetches from the server and fades in
  };
  /** Shows the hover on the document's first RACI diagnostic, where a person would point at the squiggle. */
  const hoverOnFinding = async (editor: vscode.TextEditor) => {
    const [first] = raciDiagnostics(editor.document.uri).sort((a, b) => a.range.start.compareTo(b.range.start));
    const at = first.range.start.translate(0, Math.min(2, first.range.end.character - first.range.start.character));
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    await waitUntil(() => false, 2_000); // the hover fetches from the server and fades in
  };
  try {
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    if (set === 'layouts' || set === 'layouts-fr') {
      // The other table layouts and a written legend, each with its finding in the
      // Problems panel, the hover on its squiggle and the document's outline.
      await theme('Default Light Modern');
      // The Problems panel shows the active file only: VS Code keeps a closed document (and its
      // diagnostics) a while after its editor closes.
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('workbench.actions.workbench.panel.markers.view.toggleActiveFile');
      for (const [name, row, needle] of [
        ['transposed', 'Ops team', 'R'],
        ['role-columns', 'Release planning', 'QA lead'],
        ['legend-list', 'Fix defects', 'S'],
      ]) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        const editor = await open(`${name}.md`);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.commands.executeCommand('outline.focus');
        await vscode.window.showTextDocument(editor.document, { preview: false });
        await hoverOnFinding(editor);
        await shot(`layout-${name}`);
        // Reopened, because a hover shown by command stays up when the cursor moves.
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await hoverAt(await open(`${name}.md`), row, needle, 0, true);
        await shot(`layout-${name}-hover`);
      }
      await vscode.commands.executeCommand('workbench.action.closePanel');
      for (const name of ['transposed', 'role-columns', 'legend-list']) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await open(`${name}.md`);
        await vscode.commands.executeCommand('raci.showOverview');
        await waitUntil(() => false, 4_000); // the webview loads its page and asks for the data
        await shot(`layout-${name}-overview`);
      }
      return;
    }
    if (set === 'fr') {
      await theme('Default Light Modern');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      const editor = await open('seed-llmaas.fr.md');
      // A typo in the row (not saved), so the hover also lists a finding, in French.
      const line = editor.document
        .getText()
        .split(/\r?\n/)
        .findIndex((text) => text.includes('Assurer la confidentialité'));
      const cell = editor.document.lineAt(line).text.indexOf('__R__       ');
      await editor.edit((e) => e.replace(new vscode.Range(line, cell, line, cell + 12), '__RX__      '));
      await waitUntil(() => raciDiagnostics(editor.document.uri).length > 0, 20_000);
      await hoverAt(editor, 'Assurer la confidentialité', '__A__', 2, true);
      await shot('hover-fr');
      return;
    }
    for (const [suffix, name] of [
      ['', 'Default Light Modern'],
      ['-dark', 'Default Dark Modern'],
    ]) {
      await theme(name);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const faulty = await open('faulty.md');
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      // On the R of a row with two A: the hover says what R is, who holds what, and the row's findings.
      await hoverAt(faulty, 'Two people approve this', '__RA__', 2);
      await shot(`vscode-diagnostics${suffix}`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await open('mistakes.en.md');
      await vscode.commands.executeCommand('raci.showOverview');
      await waitUntil(() => false, 4_000); // the webview loads its page and asks for the data
      await shot(`overview${suffix}`);
    }
  } finally {
    fs.writeFileSync(path.join(dir, 'done'), '');
  }
}
