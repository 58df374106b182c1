/**
 * `raci.showOverview`: a webview beside the editor with one grid per matrix of the
 * active Markdown document and the roles per party. The data comes from the server
 * (`raci/overview`); the panel follows the active Markdown editor and its edits, and
 * a click on a cell reveals it in the editor.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  COMPARE_REQUEST,
  OVERVIEW_REQUEST,
  type CompareParams,
  type CompareResult,
  type OverviewParams,
  type OverviewResult,
} from '../../../server/src/shared/protocol';
import { renderComparison, renderOverviewBody, renderOverviewPage, type OverviewStrings } from './html';

export const OVERVIEW_VIEW_TYPE = 'raci.overview';
const UPDATE_DELAY_MS = 250;

type Message =
  { type: 'ready' } | { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } };

/** Registers `raci.showOverview` and `raci.compareResponsibilities`, which share the panel. */
export function registerOverview(context: vscode.ExtensionContext, client: () => BaseLanguageClient): vscode.Disposable {
  let current: OverviewPanel | undefined;
  const open = (comparison?: Comparison): void => {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document.languageId === 'markdown' ? editor.document : current?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown document to see its matrices.'));
      return;
    }
    if (current) current.show(document, true, comparison);
    else {
      current = new OverviewPanel(context.extensionUri, client, document, editor?.viewColumn, comparison);
      current.onDidDispose(() => (current = undefined));
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('raci.showOverview', () => open()),
    vscode.commands.registerCommand('raci.compareResponsibilities', async (base?: { text: string; label: string }) => {
      const editor = vscode.window.activeTextEditor;
      const document = editor?.document.languageId === 'markdown' ? editor.document : current?.document;
      if (!document) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown document to see its matrices.'));
        return;
      }
      const chosen = base && typeof base.text === 'string' ? base : await chooseBase(document);
      if (chosen) open({ uri: document.uri.toString(), text: chosen.text, label: String(chosen.label) });
    }),
  );
}

/** The version a document is compared with, kept while the panel shows that document. */
interface Comparison {
  uri: string;
  text: string;
  label: string;
}

/** The parts of the git extension's API used here (its `getAPI(1)`). */
interface GitApi {
  getRepository(uri: vscode.Uri): { show(ref: string, path: string): Promise<string> } | null;
}

/** Asks what to compare with: the last commit (through the git extension) or another file. */
async function chooseBase(document: vscode.TextDocument): Promise<{ text: string; label: string } | undefined> {
  const head = vscode.l10n.t('HEAD (the last commit)');
  const file = vscode.l10n.t('Another file…');
  const choice = await vscode.window.showQuickPick([head, file], { placeHolder: vscode.l10n.t('Compare the responsibilities with…') });
  if (choice === head) {
    const git = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    try {
      const api = (git?.isActive ? git.exports : await git?.activate())?.getAPI(1);
      const repository = api?.getRepository(document.uri);
      if (repository) return { text: await repository.show('HEAD', document.uri.fsPath), label: 'HEAD' };
    } catch {
      // Not committed yet, or git failed: said below.
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('This document has no version in git to compare with.'));
    return undefined;
  }
  if (choice === file) {
    const [picked] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Markdown: ['md', 'markdown'] } })) ?? [];
    if (!picked) return undefined;
    const bytes = await vscode.workspace.fs.readFile(picked);
    return { text: new TextDecoder().decode(bytes), label: vscode.workspace.asRelativePath(picked) };
  }
  return undefined;
}

class OverviewPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requests = 0;
  private body = '';
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: () => BaseLanguageClient,
    public document: vscode.TextDocument,
    column: vscode.ViewColumn | undefined,
    private comparison?: Comparison,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      OVERVIEW_VIEW_TYPE,
      title(document),
      { viewColumn: column ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media] },
    );
    this.onDidDispose = this.panel.onDidDispose;
    const webview = this.panel.webview;
    this.body = renderOverviewBody(null, strings());
    webview.html = renderOverviewPage(null, {
      cspSource: webview.cspSource,
      nonce: nonce(),
      styleUris: ['raci-roles.css', 'overview.css'].map((file) => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString()),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'overview.js')).toString(),
      title: title(document),
      strings: strings(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: Message) => this.onMessage(message)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focusing the panel leaves no active editor: keep showing the last document.
        if (editor?.document.languageId === 'markdown' && editor.document !== this.document) this.show(editor.document, false);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.schedule();
      }),
    );
    this.panel.onDidDispose(() => this.dispose());
    void this.update();
  }

  show(document: vscode.TextDocument, reveal = true, comparison?: Comparison): void {
    this.document = document;
    if (comparison) this.comparison = comparison;
    this.panel.title = title(document);
    if (reveal) this.panel.reveal(undefined, true);
    void this.update();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  private async update(): Promise<void> {
    clearTimeout(this.timer);
    const id = ++this.requests;
    const params: OverviewParams = { textDocument: { uri: this.document.uri.toString() } };
    let result: OverviewResult = null;
    let changes: CompareResult = null;
    // The comparison stays while the panel shows its document, and follows its edits.
    const comparison = this.comparison?.uri === params.textDocument.uri ? this.comparison : undefined;
    try {
      result = (await this.client().sendRequest<OverviewResult>(OVERVIEW_REQUEST, params)) ?? null;
      if (comparison) {
        const compare: CompareParams = { ...params, base: { text: comparison.text, label: comparison.label } };
        changes = (await this.client().sendRequest<CompareResult>(COMPARE_REQUEST, compare)) ?? null;
      }
    } catch {
      result = null; // the server is restarting or stopped: show the empty state until the next update
    }
    if (id !== this.requests) return; // a newer request is on its way
    this.body = renderComparison(changes, strings()) + renderOverviewBody(result, strings());
    void this.panel.webview.postMessage({ type: 'update', html: this.body });
  }

  private async onMessage(message: Message): Promise<void> {
    if (message?.type === 'ready') {
      void this.panel.webview.postMessage({ type: 'update', html: this.body });
    } else if (message?.type === 'reveal' && isRange(message.range)) {
      const { start, end } = message.range;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === this.document);
      await vscode.window.showTextDocument(this.document, { selection, viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    }
  }

  private dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function isRange(range: unknown): range is { start: { line: number; character: number }; end: { line: number; character: number } } {
  const ok = (p: unknown) =>
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger((p as { line: unknown }).line) &&
    Number.isInteger((p as { character: unknown }).character);
  return typeof range === 'object' && range !== null && ok((range as { start: unknown }).start) && ok((range as { end: unknown }).end);
}

function title(document: vscode.TextDocument): string {
  const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  return vscode.l10n.t('RACI Overview: {0}', name);
}

function nonce(): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(18))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The webview's texts in the user's language (English in html.ts's ENGLISH, kept equal by a unit test). */
export function strings(): OverviewStrings {
  return {
    noDocument: vscode.l10n.t('Open a Markdown document to see its matrices.'),
    noMatrices: vscode.l10n.t('This document has no RACI matrix.'),
    matrices: vscode.l10n.t('Matrices: {0}'),
    legend: vscode.l10n.t('Roles'),
    totals: vscode.l10n.t('Roles per party, whole document'),
    party: vscode.l10n.t('Party'),
    total: vscode.l10n.t('Total'),
    errors: vscode.l10n.t('Errors'),
    warnings: vscode.l10n.t('Warnings'),
    infos: vscode.l10n.t('Info'),
    hints: vscode.l10n.t('Hints'),
    count: vscode.l10n.t('{0}: {1}'),
    activity: vscode.l10n.t('Activity'),
    missingCell: vscode.l10n.t('No cell in this row'),
    clickToReveal: vscode.l10n.t('Click a cell, an activity or a party to show it in the editor.'),
    changesSince: vscode.l10n.t('Responsibility changes since {0}'),
    noChangesSince: vscode.l10n.t('No responsibility changes since {0}.'),
  };
}
