#!/usr/bin/env node
// Runs test/e2e/suite inside a real VS Code (1.139, web workbench, headless Chromium) against
// the packaged product, and exits non-zero on any failure or timeout. See README.md.
//   node test/e2e/run.mjs               the product .vsix, else the placeholder (smoke suite)
//   node test/e2e/run.mjs --self-check  tests the tests: fail without the product, pass with a fake one
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
  browser = server = undefined;
}
// Armed once set-up is done: a first set-up (apt, npm, native builds) has its own pace.
let overall;
const armOverallTimeout = () => {
  overall = setTimeout(async () => {
    console.log(`e2e: gave up after ${OVERALL_MS / 60_000} minutes\n0 passed, 1 failed`);
    await cleanUp();
    process.exit(1);
  }, OVERALL_MS);
};

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
  armOverallTimeout();
  const product = selfCheck ? undefined : productVsix();
  sh(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', E2E]);
  await buildSuite();
  mkdirSync(WORK, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  if (selfCheck) return selfCheckRuns();
  if (product) return report(await runOnce('product', product, process.env.RACI_E2E_SUITE || 'full'));
  log('no product .vsix (no root "package" script yet): using test/e2e/placeholder-ext');
  return report(await runOnce('placeholder', packaged('placeholder-ext'), process.env.RACI_E2E_SUITE || 'smoke'));
}

const packaged = (dir) => packageVsix(path.join(E2E, dir), path.join(path.dirname(WORK), `${dir}.vsix`));

/** One fresh server, browser and workspace; returns the suite's results and VS Code's exit code. */
async function runOnce(label, vsix, suite, env = {}) {
  const work = path.join(WORK, label);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`suite "${suite}" against ${path.relative(ROOT, vsix)}`);
  // A copy, so that nothing the tests do can change the fixtures under git.
  const workspace = path.join(work, 'workspace');
  cpSync(path.join(E2E, 'workspace'), workspace, { recursive: true });
  const dirs = { serverData: path.join(work, 'server-data'), extensions: path.join(work, 'extensions') };
  installExtensions(dirs, [vsix]);

  const results = path.join(work, 'results.json');
  const port = await freePort();
  server = await startServer({
    dirs,
    port,
    logFile: path.join(work, 'server.log'),
    env: { RACI_E2E_SUITE: suite, RACI_E2E_RESULTS: results, ...env },
  });
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  let exited;
  const exit = new Promise((resolve) => {
    exited = resolve;
  });
  // VS Code calls this when the test run's extension host exits: 0 when run() resolved.
  await page.exposeFunction('codeAutomationExit', (code) => exited(code));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(TEST_EXT)],
    ['extensionTestsPath', remote(path.join(TEST_EXT, 'dist/index.js'))],
    ['skipWelcome', 'true'],
  ];
  await page.goto(
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );

  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_MS).unref());
  const first = await Promise.race([
    waitForFile(results, SUITE_MS).then((ok) => (ok ? 'results' : 'timeout')),
    exit.then(() => 'exit'),
    timedOut,
  ]);
  if (first === 'results' && suite !== 'smoke') {
    await page.waitForSelector('.squiggly-error, .squiggly-warning', { timeout: 10_000 }).catch(() => log('no squiggle on screen'));
  }
  const shot = path.join(ARTIFACTS, `workbench-${label}.png`);
  await page.screenshot({ path: shot });
  log(`screenshot: ${path.relative(ROOT, shot)}`);
  writeFileSync(`${results}.ack`, '');
  const code = first === 'timeout' ? 'timeout' : await Promise.race([exit, timedOut]);
  writeFileSync(path.join(work, 'browser-console.log'), consoleLog.join('\n'));
  await cleanUp();

  const r = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
  if (!r)
    log(`no results (${code === 'timeout' ? 'timed out' : `extension host exited with ${code}`}); logs in ${path.relative(ROOT, work)}`);
  for (const t of r?.tests ?? []) {
    console.log(`${t.state === 'passed' ? '  ok  ' : '  FAIL'} ${t.title}`);
    if (t.error && label !== 'placeholder-full')
      console.log(
        t.error
          .split('\n')
          .slice(0, 6)
          .map((l) => `        ${l}`)
          .join('\n'),
      );
  }
  return { r, code };
}

function report({ r, code }) {
  // A non-zero exit with no failed test (a crash after the run) still counts as one failure.
  const failed = Math.max(r?.failed ?? 0, code === 0 ? 0 : 1);
  console.log(`${r?.passed ?? 0} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/**
 * Tests the tests: against the placeholder (no language features at all) the harness must
 * work and every product test must fail; against fake-product-ext (the contract done naively
 * with the vscode API) the core suite must pass.
 */
async function selfCheckRuns() {
  // The core suite: the fake product is the language-feature contract done naively, not the commands.
  const none = await runOnce('placeholder-full', packaged('placeholder-ext'), 'core', { RACI_E2E_DIAG_TIMEOUT_MS: '3000' });
  const fake = await runOnce('fake-product', packaged('fake-product-ext'), 'core');
  const tests = none.r?.tests ?? [];
  const smoke = tests.filter((t) => t.title.startsWith('smoke '));
  const product = tests.filter((t) => !t.title.startsWith('smoke '));
  const checks = {
    'the smoke tests pass against the placeholder': smoke.length > 0 && smoke.every((t) => t.state === 'passed'),
    'the diagnostics tests fail, by timing out, when nothing publishes diagnostics': ['faulty.md gets each', 'the seed document'].every(
      (needle) => product.some((t) => t.title.includes(needle) && t.state === 'failed' && /timed out/.test(t.error)),
    ),
    'no product test passes vacuously without the product': product.length > 0 && product.every((t) => t.state === 'failed'),
    'the core suite passes against the fake product': fake.code === 0 && fake.r?.failed === 0 && fake.r?.passed === tests.length,
  };
  for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? '  ok  ' : '  FAIL'} self-check: ${name}`);
  const failed = Object.values(checks).filter((ok) => !ok).length;
  console.log(`${Object.keys(checks).length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main()
  .catch((err) => {
    console.log(`e2e: ${err.stack ?? err}\n0 passed, 1 failed`);
    return 1;
  })
  .then(async (code) => {
    clearTimeout(overall);
    await cleanUp();
    process.exit(code);
  });
