/**
 * The npm package `raci-lint` (packages/raci-lint/) installs and runs as a user gets it:
 * packed with `npm pack`, installed from the tarball into an empty folder with no network
 * (it has no dependency: both programs are bundled), its two bins run from there.
 * Uses the build of `npm run build`, as the other CLI tests do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = path.join(ROOT, 'packages', 'raci-lint');
const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
const rootManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the package declares both programs, its Node version and no dependency', () => {
  assert.equal(manifest.name, 'raci-lint');
  assert.equal(manifest.version, rootManifest.version);
  assert.deepEqual(Object.keys(manifest.bin).sort(), ['raci-language-server', 'raci-lint']);
  assert.match(manifest.engines.node, /^>=20/);
  assert.equal(manifest.dependencies, undefined);
  assert.ok(fs.existsSync(path.join(PACKAGE, 'README.md')));
});

/** Packs the package and installs the tarball into a new empty folder, offline. */
function install(): string {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-package-')));
  // --ignore-scripts: pack the build the test run made, not a new one under the other tests' feet.
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: PACKAGE,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(pack.status, 0, pack.stderr);
  const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  assert.deepEqual(files.map((file) => file.path).sort(), [
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/server.js',
    'package.json',
    'schemas/raci.schema.json',
  ]);
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "a-project", "private": true }\n');
  const installed = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, path.basename(filename))], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(installed.status, 0, installed.stderr);
  return project;
}

test('installed from its tarball, raci-lint lints files and the language server answers initialize', async () => {
  const project = install();
  const bin = (name: string) => path.join(project, 'node_modules', '.bin', name);
  const docs = path.join(project, 'docs');
  fs.mkdirSync(docs);
  // Enough files for the worker threads, which run the installed bundle again.
  for (let i = 0; i < 40; i++)
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'matrice.fr.md'), path.join(docs, `plan-${String(i).padStart(2, '0')}.md`));
  const lint = spawnSync(bin('raci-lint'), ['--format', 'json', 'docs'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LANG: 'C' },
  });
  assert.equal(lint.status, 1, lint.stderr);
  const results = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  assert.equal(results.length, 40);
  assert.ok(results.every((result) => result.messages.some((message) => message.ruleId === 'missing-accountable')));
  assert.equal(spawnSync(bin('raci-lint'), ['--version'], { encoding: 'utf8' }).stdout, `${manifest.version}\n`);

  const server = spawn(bin('raci-language-server'), ['--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<{ id: number; result: { capabilities: Record<string, unknown> } }>((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error('no answer to initialize')), 60_000);
      server.stdout.on('data', (data: Buffer) => {
        buffer = Buffer.concat([buffer, data]);
        // Messages one after the other; the server may log before it answers.
        for (;;) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
          if (buffer.length < headerEnd + 4 + length) return;
          const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (message.id === 1 && 'result' in message) {
            clearTimeout(timer);
            return resolve(message);
          }
        }
      });
      server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
    });
    assert.equal(reply.id, 1);
    assert.ok(reply.result.capabilities.textDocumentSync !== undefined, JSON.stringify(reply));
    assert.ok(reply.result.capabilities.codeActionProvider !== undefined);
  } finally {
    server.kill();
  }
});
