/**
 * The commands a client entry registers: the `registerCommand('…'` calls in every source
 * file its bundle is built from (esbuild's metafile), so that a command counts wherever
 * the entry has it registered (its own file, ./common.ts, a feature module), and a
 * command named only in a comment does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export async function registeredCommands(root: string, entry: string): Promise<Set<string>> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: entry.includes('browser') ? 'browser' : 'node',
    external: ['vscode'],
    logLevel: 'silent',
  });
  const commands = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs).filter((file) => file.startsWith('client/src/'))) {
    const source = fs.readFileSync(path.join(root, input), 'utf8');
    for (const match of source.matchAll(/registerCommand\(\s*'([^']+)'/g)) commands.add(match[1]);
  }
  return commands;
}
