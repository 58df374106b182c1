// raci-lint against hostile files and signals: special files, huge files, metadata that
// --fix must keep, interruptions, and configuration files that must not leak. Every test
// spawns the BUILT dist/cli.js (run `npm run build` first) in a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before these tests`);
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete env[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined, `spawning the CLI failed (a hang?): ${result.error}`);
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-hostile-')));
}

function write(dir: string, file: string, content: string | Buffer): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

const table = (...rows: string[]) => ['| Activity | Team | Client |', '| --- | --- | --- |', ...rows].join('\n') + '\n';

test('a row over 1,000 columns is reported as skipped-section (JSON and SARIF), not as invalid-config', () => {
  const dir = tempDir();
  const wide = `| ${Array.from({ length: 1100 }, (_, i) => `P${i}`).join(' | ')} |\n`;
  write(dir, 'wide.md', `${table('| Write | R | A |')}\n${wide}`);
  const result = run(['--format', 'json', 'wide.md'], dir);
  const [file] = JSON.parse(result.stdout);
  assert.deepEqual(file.messages.map((m: { ruleId: string }) => m.ruleId), ['skipped-section'], result.stdout);
  const sarif = JSON.parse(run(['--format', 'sarif', 'wide.md'], dir).stdout).runs[0];
  const [finding] = sarif.results;
  assert.equal(finding.ruleId, 'skipped-section');
  assert.equal(sarif.tool.driver.rules[finding.ruleIndex].id, 'skipped-section');
});
