#!/usr/bin/env node
// The web extension in a real VS Code web worker extension host: the same VS Code server,
// headless Chromium and fixture workspace as test/e2e (its host.mjs and setup.sh), with
// the product repackaged WITHOUT its Node `main`, so that VS Code can only run its
// `browser` entry (dist/web/extension.js) in the web worker extension host, and that
// client can only start dist/web/server.js as a nested Web Worker. Passes when faulty.md
// gets its RACI squiggles and the Problems panel lists missing-accountable.
//   node test/web/vscode-web.mjs        (npm run test:e2e:web)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E, packageVsix, ROOT } from '../e2e/build.mjs';
import { freePort, installExtensions, launchChromium, startServer, stopProcessGroup } from '../e2e/host.mjs';

const WORK = path.join(E2E, '.work', 'web');
const ARTIFACTS = path.join(E2E, 'artifacts');
const TIMEOUT_MS = 90_000;
const log = (msg) => console.log(`e2e:web: ${msg}`);

function sh(cmd, args, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** The product's .vsix contents (what `vsce ls` lists), with `main` taken out of the manifest. */
function webOnlyVsix() {
  const dir = path.join(WORK, 'ext');
  rmSync(dir, { recursive: true, force: true });
  const ls = spawnSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`vsce ls failed: ${ls.stderr}`);
  for (const file of ls.stdout.split('\n').filter(Boolean)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no "browser" entry');
  delete manifest.main;
  delete manifest.scripts;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return packageVsix(dir, path.join(WORK, 'raci-markdown-web.vsix'));
}

async function main() {
  sh('bash', [path.join(E2E, 'setup.sh')]);
  sh(process.execPath, ['esbuild.mjs']);
  mkdirSync(WORK, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const vsix = webOnlyVsix();
  const workspace = path.join(WORK, 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  cpSync(path.join(E2E, 'workspace'), workspace, { recursive: true });
  const dirs = { serverData: path.join(WORK, 'server-data'), extensions: path.join(WORK, 'extensions') };
  rmSync(dirs.serverData, { recursive: true, force: true });
  rmSync(dirs.extensions, { recursive: true, force: true });
  installExtensions(dirs, [vsix]);

  const port = await freePort();
  const server = await startServer({ dirs, port, logFile: path.join(WORK, 'server.log'), env: {} });
  const browser = await launchChromium();
  const consoleLog = [];
  const results = [];
  const check = async (title, fn) => {
    try {
      await fn();
      results.push({ title, ok: true });
    } catch (error) {
      results.push({
        title,
        ok: false,
        error: String(error?.message ?? error)
          .split('\n')
          .slice(0, 4)
          .join('\n'),
      });
    }
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: TIMEOUT_MS });
    await page.waitForTimeout(2000); // the workbench restores its layout; keyboard input before that is lost

    await check('faulty.md opens and gets RACI squiggles from the web worker server', async () => {
      await page.click('.explorer-folders-view .monaco-list-row:has-text("faulty.md")', { timeout: 30_000 });
      await page.waitForSelector('.tabs-container .tab:has-text("faulty.md")', { timeout: 30_000 });
      await page.waitForSelector('.squiggly-error', { timeout: TIMEOUT_MS });
    });

    await check('the Problems panel lists missing-accountable with its message', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(() => /missing-accountable/.test(document.querySelector('.markers-panel')?.textContent ?? ''), undefined, {
        timeout: 30_000,
      });
      const text = await page.textContent('.markers-panel');
      if (!/has no Accountable \(A\)/.test(text ?? '')) throw new Error(`unexpected Problems panel: ${text?.slice(0, 500)}`);
    });

    const shot = path.join(ARTIFACTS, 'workbench-web.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${path.relative(ROOT, shot)}`);
  } finally {
    writeFileSync(path.join(WORK, 'browser-console.log'), consoleLog.join('\n'));
    await browser.close().catch(() => undefined);
    await stopProcessGroup(server);
  }
  for (const r of results) {
    console.log(`${r.ok ? '  ok  ' : '  FAIL'} ${r.title}`);
    if (!r.ok)
      console.log(
        r.error
          .split('\n')
          .map((l) => `        ${l}`)
          .join('\n'),
      );
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) log(`logs: ${path.relative(ROOT, WORK)} (server.log, browser-console.log)`);
  return failed === 0 ? 0 : 1;
}

const overall = setTimeout(() => {
  console.log('e2e:web: gave up after 8 minutes\n0 passed, 1 failed');
  process.exit(1);
}, 8 * 60_000);
main().then(
  (code) => {
    clearTimeout(overall);
    process.exitCode = code;
  },
  (error) => {
    clearTimeout(overall);
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
