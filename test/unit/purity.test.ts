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
        !(
          specifier === 'vscode-languageserver-types' &&
          !typeOnly &&
          !/\b(CompletionItemKind|SymbolKind|CodeActionKind|DiagnosticSeverity)\b/.test(source)
        ),
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
  assert.deepEqual(
    inputs.filter((input) => /^(node:|fs|path|os|child_process)$/.test(input)),
    [],
  );
});

test('server/src has no import cycle, type-only imports included', () => {
  // ESLint's import-x/no-cycle skips `import type`; a cycle of types still ties two rooms together.
  const root = new URL('../../server/src/', import.meta.url);
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(new URL(file, root), 'utf8');
    const deps: string[] = [];
    for (const [, specifier] of source.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      const target = new URL(specifier, new URL(file, root)).pathname;
      for (const candidate of [`${target}.ts`, `${target}/index.ts`]) {
        try {
          readFileSync(candidate);
          deps.push(candidate);
          break;
        } catch {
          // not this spelling of the module
        }
      }
    }
    graph.set(new URL(file, root).pathname, deps);
  }
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => f.slice(root.pathname.length)).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const dep of graph.get(file) ?? []) visit(dep, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});
