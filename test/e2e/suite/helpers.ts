import * as fs from 'node:fs';
import * as vscode from 'vscode';

export const PRODUCT_ID = 'raci-markdown.raci-markdown';

/** How long to wait for the language server; the driver shortens it for its negative control. */
export const DIAG_TIMEOUT_MS = Number(process.env.RACI_E2E_DIAG_TIMEOUT_MS ?? 30_000);

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export function ruleId(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

export function raciDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'raci');
}

/**
 * Resolves with the document's raci diagnostics once `accept` holds, checking now and
 * on every onDidChangeDiagnostics for that document; rejects after the timeout, so a
 * server that publishes nothing fails the test instead of passing it vacuously.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DIAG_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = raciDiagnostics(uri);
      if (!accept(diags)) return false;
      cleanup();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = raciDiagnostics(uri).map((d) => `${ruleId(d)}@${d.range.start.line + 1}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; raci diagnostics now: [${seen.join(', ')}]`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.path}`);
}

/** Puts the document back to its content on disk, without saving, so tests stay independent. */
export async function restoreFromDisk(doc: vscode.TextDocument): Promise<void> {
  const onDisk = fs.readFileSync(doc.uri.fsPath, 'utf8');
  if (doc.getText() === onDisk) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), onDisk);
  await vscode.workspace.applyEdit(edit);
}

export async function activateProduct(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(PRODUCT_ID);
  if (!ext) throw new Error(`extension ${PRODUCT_ID} is not installed`);
  await ext.activate();
  return ext;
}

/**
 * Resolves once `read()` equals `expected`, checked every 50 ms (what it reads changes on a
 * notification the test cannot subscribe to); rejects after the timeout with the last value.
 */
export function waitForValue<T>(read: () => T, expected: T, timeoutMs = DIAG_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (read() === expected) return resolve();
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`timed out waiting for ${JSON.stringify(expected)}; last: ${JSON.stringify(read())}`));
      setTimeout(check, 50);
    };
    check();
  });
}
