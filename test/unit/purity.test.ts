import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const engineDir = new URL('../../server/src/engine/', import.meta.url);

test('the engine imports no vscode, no vscode-languageserver runtime and no node:*', () => {
  for (const file of readdirSync(engineDir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(new URL(file, engineDir), 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
      assert.ok(!/^(node:|vscode$|vscode-languageserver$|vscode-languageserver\/)/.test(specifier), `${file} imports ${specifier}`);
      assert.ok(
        !(specifier === 'vscode-languageserver-types' && !typeOnly && !/\b(CompletionItemKind|SymbolKind|CodeActionKind|DiagnosticSeverity)\b/.test(source)),
        `${file}: ${specifier}`,
      );
    }
  }
});

test('the engine bundles for the browser with no Node built-in', async () => {
  const result = await esbuild.build({
    entryPoints: [new URL('index.ts', engineDir).pathname],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(result.errors, []);
  const inputs = Object.keys(result.metafile.inputs);
  assert.deepEqual(inputs.filter((input) => /^(node:|fs|path|os|child_process)$/.test(input)), []);
});
