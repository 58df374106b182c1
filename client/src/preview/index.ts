/**
 * The Markdown preview's side of the extension: VS Code calls `extendMarkdownIt`
 * (returned from `activate`) with the preview's markdown-it, and renders with it.
 * The settings are the `raci` section for the document being previewed (front
 * matter is read by the engine itself; `.raci.json` files are the server's).
 */
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import { settingsFromClient } from '../../../server/src/shared/settings';
import { raciPreviewPlugin } from './plugin';

export function extendMarkdownIt(md: MarkdownIt): MarkdownIt {
  return md.use(raciPreviewPlugin, {
    settings(env: unknown) {
      const current = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
      const scope = current instanceof vscode.Uri ? current : undefined;
      return settingsFromClient(vscode.workspace.getConfiguration('raci', scope), vscode.env.language);
    },
  });
}
