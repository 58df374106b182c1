// raci-lint diff end to end: the BUILT dist/cli.js on a temporary git repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete env[name];
  const result = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

const doc = (...rows: string[]) => `# Keys\n\n| Activity | Customer | Provider |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
const BEFORE = doc('| Rotate API keys | A | R |', '| Backup | R | A |', '| Plan | R | A |', '| Deploy | R | A |');
const AFTER = doc('| Deploy | R | A |', '| Rotate API keys | R | **A** |', '| Plan | **R** | A |', '| Audit | I | RA |');

/** A repository whose main has BEFORE, with a branch that changes it to AFTER, and an untouched file. */
function repository(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-diff-')));
  git(dir, 'init', '-q');
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'keys.md'), BEFORE);
  fs.writeFileSync(path.join(dir, 'docs', 'other.md'), doc('| Plan | R | A |'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'change');
  fs.writeFileSync(path.join(dir, 'docs', 'keys.md'), AFTER);
  git(dir, 'commit', '-q', '-am', 'change');
  return dir;
}

test('diff (human): the changes since the merge base with main, in plain words', () => {
  const dir = repository();
  fs.writeFileSync(path.join(dir, 'docs', 'new.md'), doc('| Start | RA | I |'));
  const result = run([], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Responsibility changes between merge base with main \([0-9a-f]{7}\) and working tree:/);
  assert.match(result.stdout, /\ndocs\/keys\.md\n {2}Keys \(line 3\)\n/);
  assert.ok(result.stdout.includes('    Deploy (moved)\n'), result.stdout);
  assert.ok(
    result.stdout.includes('    Rotate API keys — Responsible: Provider → Customer; Accountable: Customer → Provider\n'),
    result.stdout,
  );
  assert.ok(result.stdout.includes('    Activity removed: Backup\n'));
  assert.ok(result.stdout.includes('    Activity added: Audit — Responsible: + Provider; Accountable: + Provider; Informed: + Customer\n'));
  // Formatting alone (Plan: **R**) is no change, an untouched file is not listed, an untracked new one is.
  assert.ok(!result.stdout.includes('Plan'), result.stdout);
  assert.ok(!result.stdout.includes('other.md'));
  assert.match(result.stdout, /docs\/new\.md \(new\)\n {2}Keys \(line 3\)\n {4}Matrix added: Keys \(1 activities\)/);
});

test('diff (markdown): a pull-request comment with its marker, between two given revisions', () => {
  const dir = repository();
  const result = run(['--format', 'markdown', 'main', 'change'], dir);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.equal(lines[0], '<!-- raci-lint diff -->');
  assert.ok(lines.includes('#### docs/keys.md'), result.stdout);
  assert.ok(lines.includes('**Keys** (line 3)'));
  assert.ok(lines.includes('- Rotate API keys — Responsible: Provider → Customer; Accountable: Customer → Provider'));
  const none = run(['--format', 'markdown', 'main', 'main'], dir);
  assert.match(none.stdout, /No responsibility changes between main and main\./);
});

test('diff (json): the same changes, with lines, for scripts', () => {
  const dir = repository();
  const result = run(['--format', 'json', 'main'], dir);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.base, 'main');
  assert.equal(report.head, 'working tree');
  assert.deepEqual(
    report.documents.map((d: { path: string }) => d.path),
    ['docs/keys.md'],
  );
  const changes = report.documents[0].matrices[0].changes;
  const rotate = changes.find((c: { name: string }) => c.name === 'Rotate API keys');
  assert.equal(rotate.kind, 'activity-changed');
  assert.equal(rotate.line, 6);
  assert.equal(rotate.previousLine, 5);
  assert.deepEqual(
    rotate.roles.find((r: { code: string }) => r.code === 'A'),
    { code: 'A', role: 'Accountable', before: ['Customer'], after: ['Provider'] },
  );
  assert.deepEqual(changes.map((c: { kind: string }) => c.kind).sort(), [
    'activity-added',
    'activity-changed',
    'activity-changed',
    'activity-removed',
  ]);
  assert.equal(changes.find((c: { name: string }) => c.name === 'Deploy').moved, true);
});

test('diff: two files or two folders, outside git', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-diff-')));
  for (const [folder, text] of [
    ['v1', BEFORE],
    ['v2', AFTER],
  ]) {
    fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(path.join(dir, folder, 'keys.md'), text);
  }
  const files = run(['v1/keys.md', 'v2/keys.md'], dir);
  assert.equal(files.status, 0, files.stderr);
  assert.ok(files.stdout.includes('Accountable: Customer → Provider'), files.stdout);
  const folders = run(['--format', 'json', 'v1', 'v2'], dir);
  assert.deepEqual(
    JSON.parse(folders.stdout).documents.map((d: { path: string }) => d.path),
    [path.join('v2', 'keys.md')],
  );
  const outside = run([], dir);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /not inside a git repository/);
  const bad = run(['--format', 'xml'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /Usage: raci-lint diff/);
});
