#!/usr/bin/env node
// Takes the README's screenshots (docs/images/) in a real VS Code (1.139, web workbench,
// headless Chromium) with the packaged product: faulty.md with its squiggles, a hover and
// the Problems panel, and the overview of examples/mistakes.en.md, each in the light and the
// dark theme; then a French hover on the seed (RACI_E2E_SCREENS_SET=fr, the workbench's
// language set to French); and the other table layouts with their findings
// (RACI_E2E_SCREENS_SET=layouts: test/e2e/screens/*.md). The suite's run() stages each screen (suite/index.ts,
// stageScreens) and waits for this driver's screenshot. Uses the .vsix that
// `npm run package` made (run test/e2e/run.mjs or `npm run package` first).
//   node test/e2e/screenshots.mjs [readme|fr|layouts] [--out DIR]   (DIR: docs/images by default)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSuite, E2E, ROOT, TEST_EXT } from './build.mjs';
import { freePort, installExtensions, launchChromium, startServer, stopProcessGroup } from './host.mjs';

const out = process.argv.indexOf('--out');
const IMAGES = out > 0 ? path.resolve(process.argv[out + 1]) : path.join(ROOT, 'docs', 'images');
const WORK = path.join(E2E, '.work', 'screens');
const log = (msg) => console.log(`screens: ${msg}`);

async function shoot(set, names, language) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = process.env.RACI_E2E_VSIX ?? path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  const work = path.join(WORK, set);
  rmSync(work, { recursive: true, force: true });
  const workspace = path.join(work, 'workspace');
  const handshake = path.join(work, 'handshake');
  mkdirSync(handshake, { recursive: true });
  cpSync(path.join(E2E, 'workspace'), workspace, { recursive: true });
  cpSync(path.join(ROOT, 'examples', 'mistakes.en.md'), path.join(workspace, 'mistakes.en.md'));
  if (set.startsWith('layouts')) cpSync(path.join(E2E, 'screens'), workspace, { recursive: true });
  const dirs = { serverData: path.join(work, 'server-data'), extensions: path.join(work, 'extensions') };
  installExtensions(dirs, [vsix]);
  const port = await freePort();
  const server = await startServer({
    dirs,
    port,
    logFile: path.join(work, 'server.log'),
    env: { RACI_E2E_SCREENS: handshake, RACI_E2E_SCREENS_SET: set },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.exposeFunction('codeAutomationExit', () => undefined);
    // The workbench takes its language (vscode.env.language, which the extension and its
    // server speak) from this global; its own texts stay English without a language pack.
    if (language)
      await page.addInitScript(
        (lang) => Object.defineProperty(globalThis, '_VSCODE_NLS_LANGUAGE', { get: () => lang, set() {} }),
        language,
      );
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(TEST_EXT)],
      ['extensionTestsPath', remote(path.join(TEST_EXT, 'dist/index.js'))],
      ['skipWelcome', 'true'],
    ];
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    for (const name of names) {
      const ready = path.join(handshake, `${name}.ready`);
      const end = Date.now() + 180_000;
      while (!existsSync(ready) && !existsSync(path.join(handshake, 'done')) && Date.now() < end)
        await new Promise((r) => setTimeout(r, 250));
      if (!existsSync(ready)) throw new Error(`${name} was never staged; logs in ${path.relative(ROOT, work)}`);
      await page.screenshot({ path: path.join(IMAGES, `${name}.png`) });
      log(path.relative(ROOT, path.join(IMAGES, `${name}.png`)));
      writeFileSync(path.join(handshake, `${name}.ack`), '');
    }
  } finally {
    await browser.close().catch(() => undefined);
    await stopProcessGroup(server);
  }
}

mkdirSync(IMAGES, { recursive: true });
await buildSuite();
const only = process.argv.slice(2).find((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--out');
if (!only || only === 'readme') await shoot('readme', ['vscode-diagnostics', 'overview', 'vscode-diagnostics-dark', 'overview-dark']);
if (!only || only === 'fr') await shoot('fr', ['hover-fr'], 'fr');
// Not in the README: for looking at the other layouts, in English and in French.
const layouts = ['transposed', 'role-columns', 'legend-list']
  .flatMap((name) => [`layout-${name}`, `layout-${name}-hover`])
  .concat(['layout-transposed-overview', 'layout-role-columns-overview', 'layout-legend-list-overview']);
if (only === 'layouts') await shoot('layouts', layouts);
if (only === 'layouts-fr') await shoot('layouts-fr', layouts, 'fr');
