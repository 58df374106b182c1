// raci-lint against hostile files and signals: special files, huge files, metadata that
// --fix must keep, interruptions, and configuration files that must not leak. Every test
// spawns the BUILT dist/cli.js (run `npm run build` first) in a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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
  assert.deepEqual(
    file.messages.map((m: { ruleId: string }) => m.ruleId),
    ['skipped-section'],
    result.stdout,
  );
  const sarif = JSON.parse(run(['--format', 'sarif', 'wide.md'], dir).stdout).runs[0];
  const [finding] = sarif.results;
  assert.equal(finding.ruleId, 'skipped-section');
  assert.equal(sarif.tool.driver.rules[finding.ruleIndex].id, 'skipped-section');
});

const CLEAN = table('| Write | R | A |', '| Ship | RA | I |');

test('a file over the size limit is reported (stylish line, JSON message, SARIF notification) and exits 2; --max-document-size raises the limit', () => {
  const dir = tempDir();
  const big = table('| Write | R | C |') + '\nLorem ipsum dolor sit amet.\n'.repeat(400);
  write(dir, 'big.md', big);
  write(dir, 'small.md', CLEAN);
  const limit = ['--max-document-size', '5000'];
  const stylish = run([...limit, 'big.md', 'small.md'], dir);
  assert.equal(stylish.status, 2, stylish.stderr);
  assert.match(stylish.stdout, /big\.md\n.*1:1 .*more than the limit of 5000 characters.*not linted.*skipped-document/s);
  const [bigResult, smallResult] = JSON.parse(run([...limit, '--format', 'json', 'big.md', 'small.md'], dir).stdout);
  assert.deepEqual(
    bigResult.messages.map((m: { ruleId: string }) => m.ruleId),
    ['skipped-document'],
  );
  assert.match(bigResult.messages[0].message, new RegExp(`${big.length} characters`));
  assert.deepEqual(smallResult.messages, []);
  const sarif = run([...limit, '--format', 'sarif', 'big.md'], dir);
  assert.equal(sarif.status, 2);
  const [invocation] = JSON.parse(sarif.stdout).runs[0].invocations;
  assert.equal(invocation.executionSuccessful, false);
  assert.match(invocation.toolExecutionNotifications[0].message.text, /big\.md: .*not linted/);
  // Raised above its size, the file is linted: its error is found.
  const raised = run(['--max-document-size', String(big.length), '--format', 'json', 'big.md'], dir);
  assert.equal(raised.status, 1, raised.stderr);
  assert.ok(JSON.parse(raised.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'missing-accountable'));
  // A file far over the limit is not even read (its size in bytes says enough).
  write(dir, 'huge.md', 'x'.repeat(200_000));
  const huge = run([...limit, '--format', 'json', 'huge.md'], dir);
  assert.equal(huge.status, 2);
  assert.match(JSON.parse(huge.stdout)[0].messages[0].message, /200000 bytes/);
  assert.equal(run(['--max-document-size', 'lots', 'big.md'], dir).status, 2, 'a bad limit is a usage error');
});

test('a FIFO or a device given as a path or as --config is refused at once, and the files after it are linted', () => {
  const dir = tempDir();
  const fifo = path.join(dir, 'pipe.md');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  write(dir, 'after.md', table('| Write | R | C |'));
  const result = run(['--format', 'json', 'pipe.md', '/dev/zero', 'after.md'], dir);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /pipe\.md: .*not a regular file \(a FIFO\)/);
  assert.match(result.stderr, /\/dev\/zero: .*not a regular file \(a character device\)/);
  const files = JSON.parse(result.stdout);
  assert.deepEqual(
    files.map((f: { filePath: string }) => path.basename(f.filePath)),
    ['after.md'],
  );
  assert.ok(files[0].messages.some((m: { ruleId: string }) => m.ruleId === 'missing-accountable'));
  for (const config of [fifo, '/dev/zero']) {
    const withConfig = run(['--config', config, '--format', 'json', 'after.md'], dir);
    assert.equal(withConfig.status, 2, withConfig.stderr);
    assert.match(withConfig.stderr, /not a regular file/);
    assert.equal(JSON.parse(withConfig.stdout).length, 1, 'the file is linted with the defaults');
  }
});

test('a configuration error quotes nothing of the file, and a .raci.json linked out of the repository is refused', () => {
  const SECRET = 'API_KEY=sk-live-0123456789abcdef';
  const elsewhere = tempDir();
  const secretFile = write(elsewhere, 'credentials', `${SECRET}\n`);
  write(elsewhere, 'notjson.json', JSON.stringify({ 'sk-live-0123456789abcdef and more': 1 }));

  // Not a link: a broken file is named, with where it breaks, and nothing of what it holds.
  const plain = tempDir();
  write(plain, '.raci.json', `${SECRET}\n`);
  write(plain, 'a.md', table('| Write | R | A |'));
  for (const format of ['stylish', 'sarif']) {
    const result = run(['--format', format, 'a.md'], plain);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\.raci\.json: .*invalid JSON at line 1, column 1/);
    assert.doesNotMatch(result.stderr + result.stdout, /sk-live|API_KEY/);
  }
  fs.copyFileSync(path.join(elsewhere, 'notjson.json'), path.join(plain, '.raci.json'));
  const keys = run(['a.md'], plain);
  assert.match(keys.stderr, /unknown key \(a name that is not a setting\)/);
  assert.doesNotMatch(keys.stderr, /sk-live/);

  // A link in a git work tree: read if it stays inside, refused if it leaves.
  const repo = tempDir();
  fs.mkdirSync(path.join(repo, '.git'));
  write(repo, 'shared/raci.json', JSON.stringify({ rules: { 'missing-accountable': 'off' } }));
  write(repo, 'docs/a.md', table('| Write | R | C |'));
  fs.symlinkSync(path.join(repo, 'shared/raci.json'), path.join(repo, 'docs/.raci.json'));
  const inside = run(['--format', 'json', 'docs'], repo);
  assert.equal(inside.status, 0, inside.stderr);
  fs.symlinkSync(secretFile, path.join(repo, '.raci.json'));
  write(repo, 'b.md', table('| Write | R | C |'));
  const out = run(['--format', 'sarif', 'b.md'], repo);
  assert.equal(out.status, 2);
  assert.match(out.stderr, /\.raci\.json: is a symbolic link to a file outside the repository; not read/);
  assert.doesNotMatch(out.stderr + out.stdout, /sk-live|API_KEY/);
  assert.ok(
    JSON.parse(out.stdout).runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'missing-accountable'),
    'linted with the defaults',
  );

  // No git work tree: the link must stay inside the directories being linted.
  const loose = tempDir();
  write(loose, 'a.md', table('| Write | R | A |'));
  fs.symlinkSync(secretFile, path.join(loose, '.raci.json'));
  const refused = run(['.'], loose);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /\.raci\.json: is a symbolic link to a file outside the folders being checked; not read/);
  assert.doesNotMatch(refused.stderr, /sk-live|API_KEY/);
});

const FIXABLE = table('| Write | ra | I |');
const FIXED = table('| Write | RA | I |');
const isRoot = process.getuid?.() === 0;

test('--fix refuses a read-only (0444) file, even as root, with a clear line and exit 2, and still fixes the others', () => {
  const dir = tempDir();
  const locked = write(dir, 'locked.md', FIXABLE);
  fs.chmodSync(locked, 0o444);
  const open = write(dir, 'open.md', FIXABLE);
  const result = run(['--fix', 'locked.md', 'open.md'], dir);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /locked\.md: read-only \(mode 0444\); fixes not written/);
  assert.equal(fs.readFileSync(locked, 'utf8'), FIXABLE);
  assert.equal(fs.statSync(locked).mode & 0o7777, 0o444);
  assert.equal(fs.readFileSync(open, 'utf8'), FIXED);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['locked.md', 'open.md']);
});

test('--fix writes a file with several hard links in place: every name sees the fix', () => {
  const dir = tempDir();
  const file = write(dir, 'a.md', FIXABLE);
  fs.linkSync(file, path.join(dir, 'b.md'));
  const inode = fs.statSync(file).ino;
  const result = run(['--fix', 'a.md'], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), FIXED);
  assert.equal(fs.statSync(file).ino, inode);
  assert.equal(fs.statSync(file).nlink, 2);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['a.md', 'b.md']);
});

test(
  '--fix keeps the owner, the group and the whole mode (setuid and setgid bits too)',
  { skip: !isRoot && 'needs root to give the file away' },
  () => {
    const dir = tempDir();
    const file = write(dir, 'a.md', FIXABLE);
    fs.chownSync(file, 1234, 2345);
    fs.chmodSync(file, 0o6750);
    const result = run(['--fix', 'a.md'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
    const stat = fs.statSync(file);
    assert.deepEqual([stat.uid, stat.gid, (stat.mode & 0o7777).toString(8)], [1234, 2345, '6750']);
  },
);

test(
  '--fix refuses a file the user may not write, in a directory they may write (the owner would change)',
  { skip: !isRoot && 'needs root to run the CLI as another user' },
  () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    // The CLI where the other user can read it.
    const cli = path.join(dir, 'cli.js');
    fs.copyFileSync(CLI, cli);
    const theirs = write(dir, 'theirs.md', FIXABLE);
    fs.chmodSync(theirs, 0o644);
    const mine = write(dir, 'mine.md', FIXABLE);
    fs.chownSync(mine, 65534, 65534);
    const env = { ...process.env, LC_ALL: 'C' };
    const result = spawnSync(process.execPath, [cli, '--fix', 'theirs.md', 'mine.md'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      uid: 65534,
      gid: 65534,
      timeout: 30_000,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /theirs\.md: you may not write this file \(permission denied\); fixes not written/);
    assert.equal(fs.readFileSync(theirs, 'utf8'), FIXABLE);
    assert.equal(fs.statSync(theirs).uid, 0);
    assert.equal(fs.readFileSync(mine, 'utf8'), FIXED);
  },
);

test('Ctrl-C during --fix leaves no temporary file, and the CLI ends by the signal', async () => {
  const dir = tempDir();
  const rows = Array.from({ length: 4000 }, (_, i) => `| Task ${i} | ra | I |`);
  const original = table(...rows);
  for (let i = 0; i < 40; i++) write(dir, `doc-${String(i).padStart(2, '0')}.md`, original);
  const child = spawn(process.execPath, [CLI, '--fix', '.'], { cwd: dir, stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // The signal comes the moment a temporary file appears: the worst time for it.
  const watcher = fs.watch(dir, (_event, name) => {
    if (name?.endsWith('.tmp')) {
      watcher.close();
      child.kill('SIGINT');
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ended,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('the CLI did not end within 60 s of its start')), 60_000)),
    ),
  ]).finally(() => {
    clearTimeout(timer);
    watcher.close();
  });
  assert.deepEqual(outcome, { code: null, signal: 'SIGINT' });
  const names = fs.readdirSync(dir);
  assert.deepEqual(
    names.filter((name) => !name.endsWith('.md')),
    [],
    'no temporary file is left',
  );
  const fixed = table(...rows.map((row) => row.replace('| ra |', '| RA |')));
  for (const name of names) assert.ok([original, fixed].includes(fs.readFileSync(path.join(dir, name), 'utf8')), `${name} is whole`);
  assert.ok(
    names.some((name) => fs.readFileSync(path.join(dir, name), 'utf8') === original),
    'stopped before the end',
  );
});
