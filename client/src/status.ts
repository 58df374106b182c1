/**
 * The language status item of Markdown documents ("{} Markdown" in the status bar):
 * "RACI: 3 matrices · 2 errors", or "RACI: no matrix", so that a clean file shows RACI is
 * at work; busy while a large document is first analysed. Its command opens the overview;
 * a second item opens the output. The counts come from the server (`raci/status`).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/shared/protocol';

export const STATUS_ITEM_ID = 'raci.status';

/** The status item, and what tests read of it (the API has no getter for a language status item). */
export interface RaciStatus extends vscode.Disposable {
  readonly item: vscode.LanguageStatusItem;
  /** Shows a running "Check All Documents" (undefined: it ended), with a command that cancels it. */
  checking(message: string | undefined, cancel: () => void): void;
}

export function registerStatus(client: BaseLanguageClient): RaciStatus {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  const item = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, selector);
  // The product's name, the same in every language.
  item.name = 'RACI Markdown';
  const output = vscode.languages.createLanguageStatusItem('raci.output', selector);
  output.name = vscode.l10n.t('RACI Markdown output');
  output.text = 'RACI Markdown';
  output.command = { title: vscode.l10n.t('Show Output'), command: 'raci.showOutput' };

  const statuses = new Map<string, StatusParams>();
  let check: { message: string; cancel: () => void } | undefined;
  const update = () => {
    if (check) {
      item.text = check.message;
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.busy = true;
      item.command = { title: vscode.l10n.t('Cancel'), command: 'raci.cancelCheck' };
      return;
    }
    const document = vscode.window.activeTextEditor?.document;
    const status = document && statuses.get(document.uri.toString());
    const view = statusView(status);
    item.text = view.text;
    item.detail = view.detail;
    item.severity = view.severity;
    item.busy = status?.busy ?? false;
    item.command = { title: vscode.l10n.t('Show Overview'), command: 'raci.showOverview' };
  };
  update();
  const listener = client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    statuses.set(status.uri, status);
    update();
  });
  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand('raci.cancelCheck', () => check?.cancel()),
    item,
    output,
    listener,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidCloseTextDocument((document) => statuses.delete(document.uri.toString())),
  );
  return {
    item,
    checking(message, cancel) {
      check = message === undefined ? undefined : { message, cancel };
      update();
    },
    dispose: () => disposable.dispose(),
  };
}

/** What the item says for a document's status (none yet: analysis not done). */
export function statusView(status: StatusParams | undefined): { text: string; detail?: string; severity: vscode.LanguageStatusSeverity } {
  const severity = vscode.LanguageStatusSeverity;
  if (!status) return { text: 'RACI', severity: severity.Information };
  if (status.busy) return { text: vscode.l10n.t('RACI: analysing…'), severity: severity.Information };
  if (status.skipped) return { text: vscode.l10n.t('RACI: off for this document'), detail: status.skipped, severity: severity.Warning };
  const parts = [
    status.matrices === 0
      ? vscode.l10n.t('RACI: no matrix')
      : status.matrices === 1
        ? vscode.l10n.t('RACI: 1 matrix')
        : vscode.l10n.t('RACI: {0} matrices', status.matrices),
  ];
  if (status.errors > 0) parts.push(status.errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', status.errors));
  if (status.warnings > 0) parts.push(status.warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', status.warnings));
  return {
    text: parts.join(' · '),
    severity: status.errors > 0 ? severity.Error : status.warnings > 0 ? severity.Warning : severity.Information,
  };
}
