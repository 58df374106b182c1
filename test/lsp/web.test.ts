/**
 * The browser build (vscode.dev, github.dev): both web bundles build for
 * `platform: 'browser'` without a Node built-in, and the worker bundle, started as a
 * real Web Worker in Chromium, speaks LSP over `postMessage` and publishes diagnostics.
 *
 * The Chromium part needs /usr/bin/chromium (Debian's) and playwright-core from
 * test/e2e/vscode-host (`bash test/e2e/setup.sh` installs both); without them it is
 * skipped with the reason, unless RACI_REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
import assert from 'node:assert/strict';
import { builtinModules, createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { registeredCommands } from '../helpers/clientCommands';
import { fixture, ROOT } from './client';

const CHROMIUM = process.env.RACI_CHROMIUM ?? '/usr/bin/chromium';
const PLAYWRIGHT = path.join(ROOT, 'test/e2e/vscode-host/node_modules/playwright-core');
const WORKER = path.join(ROOT, 'dist/web/server.js');
const TIMEOUT = 15_000;

describe('web bundles', () => {
  it('build for the browser from the shared server code, with no Node built-in', async () => {
    const { webTargets } = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as { webTargets: esbuild.BuildOptions[] };
    assert.deepEqual(
      webTargets.map((t) => t.outfile),
      ['dist/web/extension.js', 'dist/web/server.js'],
    );
    const node = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const target of webTargets) {
      const result = await esbuild.build({
        ...target,
        absWorkingDir: ROOT,
        write: false,
        metafile: true,
        sourcemap: false,
        logLevel: 'silent',
      });
      assert.equal(target.platform, 'browser');
      const inputs = Object.keys(result.metafile.inputs);
      // The engine and the shared server are in; nothing written for Node is.
      const nodeOnly = inputs.filter(
        (input) =>
          /^server\/src\/(server|cli)\.ts$|^server\/src\/cli\/|^server\/src\/lsp\/configFiles\.ts$/.test(input) ||
          (/\/(node|main)\.js$/.test(input) && /vscode-(languageserver|languageclient|jsonrpc)\/lib\/node\//.test(input)) ||
          input.endsWith('@vscode/l10n/dist/main.js'),
      );
      assert.deepEqual(nodeOnly, [], `${target.outfile} pulls in Node-only modules`);
      // Web workers have no DOM: no package's DOM build (see the `worker` condition in esbuild.mjs).
      assert.deepEqual(
        inputs.filter((input) => /\.dom\.js$/.test(input)),
        [],
        `${target.outfile} pulls in DOM-only modules`,
      );
      const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
      assert.deepEqual(
        imports.filter((p) => node.has(p)),
        [],
        `${target.outfile} imports Node built-ins`,
      );
      const text = result.outputFiles.map((file) => file.text).join('\n');
      const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(required)], target.format === 'iife' ? [] : ['vscode'], `${target.outfile} requires at run time`);
      if (target.outfile === 'dist/web/server.js') {
        assert.ok(inputs.includes('server/src/lsp/startServer.ts') && inputs.includes('server/src/engine/rules/check.ts'));
        for (const language of ['de', 'es', 'fr', 'it']) assert.ok(inputs.includes(`l10n/bundle.l10n.${language}.json`), language);
      }
    }
  });
});

describe('web client', () => {
  it('registers every command of the manifest, as the desktop client does', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const registered = await registeredCommands(ROOT, 'client/src/browserExtension.ts');
    for (const { command } of manifest.contributes.commands as { command: string }[]) assert.ok(registered.has(command), command);
    assert.deepEqual(registered, await registeredCommands(ROOT, 'client/src/extension.ts'));
  });
});

/** Why the Chromium test cannot run here, or nothing. */
function missingBrowser(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install chromium, or bash test/e2e/setup.sh)`;
  if (!fs.existsSync(path.join(PLAYWRIGHT, 'package.json')))
    return 'playwright-core not installed in test/e2e/vscode-host (bash test/e2e/setup.sh)';
  if (!fs.existsSync(WORKER)) return 'dist/web/server.js not built (node esbuild.mjs)';
  return undefined;
}

const missing = missingBrowser();
if (missing && process.env.RACI_REQUIRE_BROWSER === '1') throw new Error(`RACI_REQUIRE_BROWSER=1 but ${missing}`);

interface Page {
  goto(url: string): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  on(event: 'pageerror' | 'console', listener: (value: { message?: string; text?(): string }) => void): void;
}

describe('web worker server in Chromium', { skip: missing }, () => {
  let server: http.Server;
  let origin: string;
  let browser: { newPage(): Promise<Page>; close(): Promise<void> };
  const pageErrors: string[] = [];

  before(async () => {
    // A page and the worker bundle from one origin: workers do not start from file: URLs.
    // The page's own script does the postMessage plumbing; the test drives it with string
    // expressions (tsx's transform would break functions serialised by page.evaluate).
    const page = `<!doctype html><meta charset="utf-8"><title>raci worker</title><script>
      const received = [];
      const worker = new Worker('/server.js');
      worker.onmessage = (event) => received.push(event.data);
      worker.onerror = (event) => received.push({ workerError: String(event.message) });
      window.lspSend = (message) => worker.postMessage(message);
      /** The first message from the worker that the predicate accepts, or what was received. */
      window.lspWaitFor = (predicate, timeout) => new Promise((resolve) => {
        const started = Date.now();
        const poll = () => {
          const hit = received.find((m) => m.workerError || predicate(m));
          if (hit || Date.now() - started > timeout) resolve(hit || { timedOut: String(predicate), received });
          else setTimeout(poll, 10);
        };
        poll();
      });
    </script>`;
    server = http.createServer((request, response) => {
      if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else if (request.url === '/server.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(WORKER));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = createRequire(__filename)(PLAYWRIGHT) as {
      chromium: { launch(options: object): Promise<typeof browser> };
    };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: TIMEOUT,
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the page (which starts the worker) and returns a small LSP client over postMessage. */
  async function session() {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error.message)));
    await page.goto(`${origin}/`);
    const send = (message: object) => page.evaluate(`lspSend(${JSON.stringify(message)})`);
    /** Waits for the first message from the worker that `predicate` (source text, run in the page) accepts. */
    // The worker's messages are JSON of many shapes, read field by field below.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const waitFor = async (predicate: string): Promise<Record<string, any>> => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const message = (await page.evaluate(`lspWaitFor(${predicate}, ${TIMEOUT})`)) as Record<string, any>;
      assert.ok(
        !message.timedOut && !message.workerError,
        `no message matching ${predicate}: ${JSON.stringify(message)}; page errors: ${pageErrors.join('; ')}`,
      );
      return message;
    };
    /** True when no message that `predicate` accepts arrives within `ms` (a worker that has closed answers nothing). */
    const silentFor = async (predicate: string, ms: number) =>
      Boolean(((await page.evaluate(`lspWaitFor(${predicate}, ${ms})`)) as Record<string, unknown>).timedOut);
    return { page, send, waitFor, silentFor };
  }

  async function diagnose(locale: string) {
    const { send, waitFor, silentFor } = await session();
    await send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, locale, capabilities: {} } });
    const initialized = await waitFor('(m) => m.id === 1');
    assert.equal(initialized.result.serverInfo.name, 'raci-markdown');
    await send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'vscode-test-web://mount/faulty.md';
    await send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'markdown', version: 1, text: fixture('lsp/faulty.md') } },
    });
    const published = await waitFor(`(m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === ${JSON.stringify(uri)}`);
    assert.equal(published.params.version, 1);
    const diagnostics = published.params.diagnostics as { code: string; message: string; source: string }[];
    await send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    await waitFor('(m) => m.id === 2');
    // `exit` ends the worker (a restart starts a new one): a request after it gets no answer.
    await send({ jsonrpc: '2.0', method: 'exit' });
    await send({ jsonrpc: '2.0', id: 3, method: 'shutdown' });
    assert.ok(await silentFor('(m) => m.id === 3', 1000), 'the worker still answers after exit');
    return diagnostics;
  }

  it('answers initialize and publishes missing-accountable for a faulty matrix', async () => {
    const diagnostics = await diagnose('en');
    const missingA = diagnostics.find((d) => d.code === 'missing-accountable');
    assert.ok(missingA, JSON.stringify(diagnostics));
    assert.equal(missingA.source, 'raci');
    assert.match(missingA.message, /^Activity "Définir le besoin" has no Accountable \(A\)/);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-role'));
    assert.deepEqual(pageErrors, []);
  });

  it('lints files that are not open by asking the client to read them (raci/readFile)', async () => {
    const { send, waitFor } = await session();
    // As vscode.dev opens a repository: one virtual folder; only files inside it are read.
    const workspaceFolders = [{ uri: 'vscode-vfs://github/acme/docs', name: 'docs' }];
    await send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, workspaceFolders, capabilities: {} },
    });
    await waitFor('(m) => m.id === 1');
    await send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'vscode-vfs://github/acme/docs/raci.md';
    await send({ jsonrpc: '2.0', id: 2, method: 'raci/checkFiles', params: { uris: [uri] } });
    const read = await waitFor("(m) => m.method === 'raci/readFile'");
    assert.deepEqual(read.params, { uri });
    await send({ jsonrpc: '2.0', id: read.id, result: fixture('lsp/faulty.md') });
    const published = await waitFor(`(m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === ${JSON.stringify(uri)}`);
    assert.ok(published.params.diagnostics.some((d: { code: string }) => d.code === 'missing-accountable'));
    const done = await waitFor('(m) => m.id === 2');
    assert.deepEqual(done.result, { checked: 1, withFindings: 1, open: 0, failed: 0 });
  });

  it('speaks the locale given at initialize, from bundles inlined in the worker', async () => {
    const diagnostics = await diagnose('de');
    const missingA = diagnostics.find((d) => d.code === 'missing-accountable')!;
    assert.match(missingA.message, /^Die Aktivität „Définir le besoin“/);
  });
});
