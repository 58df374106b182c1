#!/usr/bin/env node
// Runs test/e2e/suite inside a real VS Code (1.139, web workbench, headless Chromium) against
// the packaged product, and exits non-zero on any failure or timeout. See README.md.
//   node test/e2e/run.mjs               the product .vsix, else the placeholder (smoke suite)
//   node test/e2e/run.mjs --self-check  proves the full suite fails when no diagnostics come
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSuite, E2E, packageVsix, ROOT, TEST_EXT } from './build.mjs';
import { freePort, installExtensions, launchChromium, startServer, stopProcessGroup } from './host.mjs';

const OVERALL_MS = 10 * 60_000;
const SUITE_MS = 6 * 60_000;
const selfCheck = process.argv.includes('--self-check');
const WORK = path.join(E2E, '.work', 'run');
const ARTIFACTS = path.join(E2E, 'artifacts');
const log = (msg) => console.log(`e2e: ${msg}`);

let server;
let browser;
async function cleanUp() {
  await browser?.close().catch(() => undefined);
  await stopProcessGroup(server);
}
const overall = setTimeout(async () => {
  console.log(`e2e: gave up after ${OVERALL_MS / 60_000} minutes\n0 passed, 1 failed`);
  await cleanUp();
  process.exit(1);
}, OVERALL_MS);

function sh(cmd, args, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** The product as users get it: `npm run package` at the root, once the lead's script exists. */
function productVsix() {
  if (process.env.RACI_E2E_VSIX) return path.resolve(process.env.RACI_E2E_VSIX);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) return undefined;
  if (!process.env.RACI_E2E_SKIP_BUILD) sh('npm', ['run', 'package']);
  const vsix = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

function waitForFile(file, timeoutMs) {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const tick = () => (existsSync(file) ? resolve(true) : Date.now() > end ? resolve(false) : setTimeout(tick, 250));
    tick();
  });
}

async function main() {
  sh('bash', [path.join(E2E, 'setup.sh')]);
  let vsix = selfCheck ? undefined : productVsix();
  const suite = selfCheck ? 'full' : process.env.RACI_E2E_SUITE || (vsix ? 'full' : 'smoke');
  await buildSuite();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!vsix) {
    vsix = packageVsix(path.join(E2E, 'placeholder-ext'), path.join(WORK, 'placeholder.vsix'));
    log('no product .vsix (no root "package" script yet): using test/e2e/placeholder-ext');
  }
  log(`suite "${suite}" against ${path.relative(ROOT, vsix)}`);

  // A copy, so that nothing the tests do can change the fixtures under git.
  const workspace = path.join(WORK, 'workspace');
  cpSync(path.join(E2E, 'workspace'), workspace, { recursive: true });
  const dirs = { serverData: path.join(WORK, 'server-data'), extensions: path.join(WORK, 'extensions') };
  installExtensions(dirs, [vsix]);

  const results = path.join(WORK, 'results.json');
  const port = await freePort();
  server = await startServer({
    dirs, port, logFile: path.join(WORK, 'server.log'),
    env: { RACI_E2E_SUITE: suite, RACI_E2E_RESULTS: results, ...(selfCheck && { RACI_E2E_DIAG_TIMEOUT_MS: '3000' }) },
  });
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  let exited;
  const exit = new Promise((resolve) => { exited = resolve; });
  // VS Code calls this when the test run's extension host exits: 0 when run() resolved.
  await page.exposeFunction('codeAutomationExit', (code) => exited(code));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(TEST_EXT)],
    ['extensionTestsPath', remote(path.join(TEST_EXT, 'dist/index.js'))], ['skipWelcome', 'true']];
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_MS).unref());
  const first = await Promise.race([waitForFile(results, SUITE_MS).then((ok) => (ok ? 'results' : 'timeout')),
    exit.then(() => 'exit'), timedOut]);
  const shot = path.join(ARTIFACTS, `workbench-${selfCheck ? 'self-check' : suite}.png`);
  if (first === 'results' && suite !== 'smoke' && !selfCheck) {
    await page.waitForSelector('.squiggly-error, .squiggly-warning', { timeout: 10_000 }).catch(() => log('no squiggle on screen'));
  }
  await page.screenshot({ path: shot });
  log(`screenshot: ${path.relative(ROOT, shot)}`);
  writeFileSync(`${results}.ack`, '');
  const code = first === 'timeout' ? 'timeout' : await Promise.race([exit, timedOut]);
  writeFileSync(path.join(WORK, 'browser-console.log'), consoleLog.join('\n'));

  const r = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
  if (!r) log(`no results (${code === 'timeout' ? 'timed out' : `extension host exited with ${code}`}); logs in ${path.relative(ROOT, WORK)}`);
  for (const t of r?.tests ?? []) {
    console.log(`${t.state === 'passed' ? '  ok  ' : '  FAIL'} ${t.title}`);
    if (t.error && !selfCheck) console.log(t.error.split('\n').slice(0, 6).map((l) => `        ${l}`).join('\n'));
  }
  if (selfCheck) return judgeSelfCheck(r);
  // A non-zero exit with no failed test (a crash after the run) still counts as one failure.
  const failed = Math.max(r?.failed ?? 0, code === 0 ? 0 : 1);
  console.log(`${r?.passed ?? 0} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** Against the placeholder (no language server) the harness must work and the suite must fail. */
function judgeSelfCheck(r) {
  const tests = r?.tests ?? [];
  const checks = {
    'the smoke tests pass against the placeholder': tests.some((t) => t.title.startsWith('smoke '))
      && tests.filter((t) => t.title.startsWith('smoke ')).every((t) => t.state === 'passed'),
    'the diagnostics tests fail, by timing out, when nothing publishes diagnostics': ['faulty.md gets each', 'the seed document']
      .every((needle) => tests.some((t) => t.title.includes(needle) && t.state === 'failed' && /timed out/.test(t.error))),
    'no product test passes vacuously without the product': tests.some((t) => !t.title.startsWith('smoke '))
      && tests.filter((t) => !t.title.startsWith('smoke ')).every((t) => t.state === 'failed'),
  };
  for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? '  ok  ' : '  FAIL'} self-check: ${name}`);
  const failed = Object.values(checks).filter((ok) => !ok).length;
  console.log(`${Object.keys(checks).length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main()
  .catch((err) => { console.log(`e2e: ${err.stack ?? err}\n0 passed, 1 failed`); return 1; })
  .then(async (code) => { clearTimeout(overall); await cleanUp(); process.exit(code); });
