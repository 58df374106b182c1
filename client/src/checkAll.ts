/**
 * `raci.checkAllDocuments`: lints every Markdown file of the workspace and fills the
 * Problems panel. The files are found here (honouring `files.exclude` and the
 * `.gitignore` files, and never under `node_modules`, as `raci-lint` does); the
 * server reads and lints them (`raci/checkFiles`), in batches. The progress shows in the
 * status bar, and in the language status item with a Cancel command, not in a toast: VS
 * Code keeps a progress toast on screen a moment after its task ends, and the result's
 * toast came up beside it. The result is the one toast.
 */
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHECK_FILES_REQUEST, type CheckFilesParams, type CheckFilesResult } from '../../server/src/shared/protocol';

/** Files per request: small enough for a lively progress bar and a prompt cancellation. */
const BATCH = 50;

/** Where the check shows how far it is: `message` undefined when it ends. */
export type CheckReporter = (message: string | undefined, cancel: () => void) => void;

export function registerCheckAll(client: () => BaseLanguageClient, report?: CheckReporter): vscode.Disposable {
  return vscode.commands.registerCommand('raci.checkAllDocuments', () => checkAllDocuments(client(), report));
}

export async function checkAllDocuments(client: BaseLanguageClient, report?: CheckReporter): Promise<CheckFilesResult | undefined> {
  const total: CheckFilesResult = { checked: 0, withFindings: 0, open: 0, failed: 0 };
  const cancellation = new vscode.CancellationTokenSource();
  const cancel = () => cancellation.cancel();
  const finished = await Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('RACI: checking Markdown files') },
      async (progress) => {
        const token = cancellation.token;
        report?.(vscode.l10n.t('RACI: checking Markdown files'), cancel);
        const files = await findMarkdownFiles(token);
        for (let index = 0; index < files.length; index += BATCH) {
          if (token.isCancellationRequested) return false;
          const message = vscode.l10n.t('{0} of {1} files', index, files.length);
          progress.report({ message });
          report?.(`${vscode.l10n.t('RACI: checking Markdown files')} (${message})`, cancel);
          const params: CheckFilesParams = { uris: files.slice(index, index + BATCH).map((uri) => uri.toString()) };
          let result: CheckFilesResult;
          try {
            result = await client.sendRequest<CheckFilesResult>(CHECK_FILES_REQUEST, params, token);
          } catch (error) {
            if (token.isCancellationRequested) return false;
            throw error;
          }
          total.checked += result.checked;
          total.withFindings += result.withFindings;
          total.open += result.open;
          total.failed += result.failed;
          progress.report({ increment: (100 * params.uris.length) / files.length });
        }
        return !token.isCancellationRequested;
      },
    ),
  ).finally(() => {
    report?.(undefined, cancel);
    cancellation.dispose();
  });
  const files = total.checked + total.open;
  const summary = vscode.l10n.t('RACI: {0} Markdown files checked, {1} with findings.', files, total.withFindings);
  if (!finished) {
    void vscode.window.showInformationMessage(vscode.l10n.t('RACI: check cancelled after {0} files.', files));
    return undefined;
  }
  if (total.withFindings > 0) {
    void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Problems')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  } else void vscode.window.showInformationMessage(summary);
  return total;
}

/**
 * The Markdown files of every workspace folder: `findFiles` with no exclude glob
 * applies `files.exclude`; then each folder's `.gitignore` files, each for the paths
 * below its own directory, and `node_modules` always.
 */
export async function findMarkdownFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const [found, gitignores] = await Promise.all([
    vscode.workspace.findFiles('**/*.{md,markdown}', undefined, undefined, token),
    vscode.workspace.findFiles('**/.gitignore', '**/node_modules/**', undefined, token),
  ]);
  const layers: { base: string; rules: Ignore }[] = [];
  for (const file of gitignores) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      layers.push({ base: file.path.slice(0, file.path.lastIndexOf('/') + 1), rules: ignore().add(text) });
    } catch {
      // An unreadable .gitignore ignores nothing, as git would.
    }
  }
  const seen = new Set<string>();
  return found
    .filter((uri) => {
      const key = uri.toString();
      if (seen.has(key) || /\/node_modules\//.test(uri.path)) return false;
      seen.add(key);
      return !layers.some(({ base, rules }) => uri.path.startsWith(base) && rules.ignores(uri.path.slice(base.length)));
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}
