#!/usr/bin/env node
// The same suite under @vscode/test-electron, for machines that can download VS Code
// (not this project's sandbox: see README.md). Tests the product from source (the repo
// root as extensionDevelopmentPath, built by `npm run build`), not the .vsix.
//   RACI_E2E_SUITE=smoke|full (default full)   VSCODE_VERSION=stable|insiders|1.91.0
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, E2E, ROOT, TEST_EXT } from './build.mjs';

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildSuite();

const work = path.join(E2E, '.work', 'electron');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const workspace = path.join(work, 'workspace');
cpSync(path.join(E2E, 'workspace'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(TEST_EXT, 'dist', 'index.js'),
    extensionTestsEnv: { RACI_E2E_SUITE: process.env.RACI_E2E_SUITE || 'full' },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(work, 'user-data'),
      '--extensions-dir',
      path.join(work, 'extensions'),
    ],
  });
} catch (err) {
  // runTests rejects on a non-zero exit of VS Code, i.e. when run() in suite/index.ts threw.
  console.error(`e2e (electron): ${err?.message ?? err}`);
  process.exit(1);
}
