// Bundles test/e2e/suite into test/e2e/test-ext/dist (CommonJS, `vscode` left to the host)
// and packages extension folders as .vsix. Shared by run.mjs and electron.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const E2E = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(E2E, '../..');
export const HOST = path.join(E2E, 'vscode-host');
export const TEST_EXT = path.join(E2E, 'test-ext');

export async function buildSuite() {
  await esbuild.build({
    entryPoints: ['index', 'smoke.test', 'raci.test', 'features.test'].map((f) => path.join(E2E, 'suite', `${f}.ts`)),
    outdir: path.join(TEST_EXT, 'dist'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    // mocha comes from the root devDependencies once added, else from the tool folder.
    nodePaths: [path.join(HOST, 'node_modules')],
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  return path.join(TEST_EXT, 'dist');
}

/** `vsce package` of an extension folder that needs no npm dependencies at run time. */
export function packageVsix(dir, out) {
  const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) throw new Error(`${vsce} is missing: run npm ci at the repository root`);
  execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}
