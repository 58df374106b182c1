// raci-lint over many files: on worker threads (--jobs), the same report as one file at a
// time, in the same order; progress on a terminal's stderr for long runs only. Spawns the
// BUILT dist/cli.js (run `npm run build` first), as test/unit/cli.test.ts does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultJobs, runCli, runCliAsync } from '../../server/src/cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete env[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined, `spawning the CLI failed: ${result.error}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, file: string, content: string | Buffer): void {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}

const table = (...rows: string[]) => ['| Activity | Team | Client |', '| --- | --- | --- |', ...rows].join('\n') + '\n';

/**
 * A tree of many files of every kind: matrices with findings, clean ones, prose, a front
 * matter with a bad configuration, a directory with a broken `.raci.json`, files that
 * cannot be linted (binary, bad UTF-8), a large one, German translations; sizes differ so
 * workers finish out of order.
 */
function tree(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-jobs-')));
  for (let i = 0; i < 90; i++) {
    const kind = i % 6;
    const name = `docs/${String.fromCharCode(97 + (i % 5))}/file-${i}.md`;
    if (kind === 0) write(dir, name, `# Plan ${i}\n\n${table('| Write | R | C |', '| Ship | ra | A |')}`);
    // Its German translation (a Docusaurus locale folder), drifted: paired across workers.
    if (kind === 0)
      write(
        dir,
        name.replace(/^docs\//, 'i18n/de/docusaurus-plugin-content-docs/current/'),
        `# Plan ${i}\n\n${table('| Schreiben | R | CI |', '| Liefern | ra | A |')}`,
      );
    else if (kind === 1) write(dir, name, `# Notes ${i}\n\n${'Prose with a | pipe. '.repeat(20 * i)}\n`);
    else if (kind === 2) write(dir, name, table('| Write | R | A |', `| Ship ${i} | RA | I |`));
    else if (kind === 3) write(dir, name, `---\nraci:\n  scheme: NOPE${i}\n---\n\n${table('| Run | RR | A |')}`);
    else if (kind === 4) write(dir, name, i % 4 === 0 ? Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]) : `Text ${i}\n`);
    else write(dir, name, table(...Array.from({ length: 3 * i }, (_, row) => `| Task ${row} | ${row % 7 === 0 ? 'X' : 'R'} | A |`)));
  }
  write(dir, 'docs/c/.raci.json', '{ "scheme": 42 }');
  write(dir, 'docs/binary.md', Buffer.from([0x23, 0x00, 0x01]));
  return dir;
}

test('--jobs N prints, in every format, what one file at a time prints, in input order', () => {
  const dir = tree();
  for (const format of ['stylish', 'json', 'sarif']) {
    const one = run(['--jobs', '1', '--format', format, 'docs', 'i18n'], dir);
    const many = run(['--jobs', '3', '--format', format, 'docs', 'i18n'], dir);
    assert.equal(one.status, 2, one.stderr);
    assert.deepEqual(many, one, format);
  }
  const results = JSON.parse(run(['-j', '3', '--format', 'json', 'docs', 'i18n'], dir).stdout) as {
    filePath: string;
    messages: { ruleId: string }[];
  }[];
  // Every file that could be read, once, in the order the directory walk gives (sorted).
  // 90 files, but for the 8 that are not UTF-8 (and binary.md), then 15 translations.
  assert.equal(results.length, 97);
  const paths = results.map((result) => path.relative(dir, result.filePath));
  assert.deepEqual(paths.slice(0, 82), [...paths.slice(0, 82)].sort());
  assert.ok(paths.slice(82).every((file) => file.startsWith('i18n/')));
  const translations = results.filter((result) => result.filePath.includes('i18n')).map((result) => result.messages.map((m) => m.ruleId));
  assert.ok(
    translations.every((ids) => ids.includes('translation-drift')),
    JSON.stringify(translations),
  );
});

test('--jobs takes a whole number of 1 or more', () => {
  const dir = tree();
  for (const bad of ['0', '-1', 'two', '1.5']) {
    const result = run(['--jobs', bad, 'docs'], dir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--jobs/);
  }
});

test('progress shows on a terminal stderr once a run is long, never with --format json or sarif, nor off a terminal', async () => {
  const dir = tree();
  const capture = async (format: string, stderrIsTTY: boolean, step: number) => {
    let clock = 0;
    let out = '';
    let err = '';
    const code = await runCli({
      argv: ['--jobs', '1', '--format', format, 'docs'],
      env: {},
      cwd: dir,
      isTTY: false,
      stderrIsTTY,
      now: () => (clock += step),
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
    });
    return { code, out, err };
  };
  const slow = await capture('stylish', true, 100);
  assert.match(slow.err, /\rraci-lint: \d+\/91 files/);
  // The progress line is cleared before anything else is written, and at the end.
  const clear = '\r\u001b[K';
  const lastProgress = slow.err.lastIndexOf('\rraci-lint: ');
  assert.ok(slow.err.indexOf(clear, lastProgress) > lastProgress, JSON.stringify(slow.err.slice(-80)));
  assert.doesNotMatch(slow.out, /files/);
  // The same messages as a run without progress, once the progress lines are taken out.
  const quiet = await capture('stylish', false, 100);
  assert.equal(
    slow.err
      .replace(/\rraci-lint: \d+\/91 files/g, '')
      .split(clear)
      .join(''),
    quiet.err,
  );
  assert.equal(slow.out, quiet.out);
  assert.doesNotMatch(quiet.err, /\d+\/91 files/);
  // A quick run shows none.
  assert.doesNotMatch((await capture('stylish', true, 0)).err, /\/91 files/);
  for (const format of ['json', 'sarif']) assert.doesNotMatch((await capture(format, true, 100)).err, /\/91 files/);
});

test("without --jobs, a run takes one worker per idle core but the main thread's, and none on busy cores or two cores", async () => {
  assert.equal(defaultJobs(8, 2.6), 4);
  assert.equal(defaultJobs(8, 0), 7);
  assert.equal(defaultJobs(4, 0.2), 3);
  // Two idle cores: two workers were slower than one file at a time (measured), and one worker is one file at a time with messages.
  assert.equal(defaultJobs(2, 0.1), 1);
  assert.equal(defaultJobs(3, 0), 2);
  // Cores busy with other work: one file at a time.
  assert.equal(defaultJobs(2, 7), 1);
  assert.equal(defaultJobs(2, 1.2), 1);
  assert.equal(defaultJobs(4, 2.5), 1);
  assert.equal(defaultJobs(1, 0), 1);
  // The run itself: a worker script that cannot start says whether workers were started.
  const dir = tree();
  const lint = async (load: number, cores = 4) => {
    let out = '';
    const started = runCliAsync({
      argv: ['--format', 'json', 'docs'],
      env: {},
      cwd: dir,
      isTTY: false,
      cores,
      load,
      workerScript: path.join(dir, 'no-such-worker.js'),
      stdout: (text) => (out += text),
      stderr: () => undefined,
    });
    return started.then((code) => ({ code, out }));
  };
  const busy = await lint(7);
  assert.equal(busy.code, run(['--jobs', '1', '--format', 'json', 'docs'], dir).status);
  assert.equal(busy.out, run(['--jobs', '1', '--format', 'json', 'docs'], dir).stdout);
  const twoCores = await lint(0, 2);
  assert.equal(twoCores.out, busy.out, 'two idle cores: one file at a time');
  await assert.rejects(lint(0));
});
