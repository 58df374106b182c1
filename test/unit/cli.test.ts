// raci-lint end to end: every test spawns the BUILT dist/cli.js (run `npm run build` first),
// in a temporary directory, and checks exit codes, output and the files on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { parseConfigText, RULE_IDS, SCHEME_IDS } from '../../server/src/engine';
import { localeFromEnv } from '../../server/src/cli/args';
import { readSource, readSourceText, writeAtomically } from '../../server/src/cli/io';
import { runCli } from '../../server/src/cli';
import { ReadBuffer, readRegularFileSync } from '../../server/src/node/regularFile';

// The escape that starts a colour sequence, which a plain (piped or NO_COLOR) run never prints.
const ESC = String.fromCharCode(27);
const ANSI_ESCAPE = new RegExp(ESC + '\\[');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const MESSAGE_KEYS = ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before these tests`);
  const base = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete base[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined, `spawning the CLI failed: ${result.error}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(result: Run): { filePath: string; messages: Record<string, unknown>[] }[] {
  try {
    return JSON.parse(result.stdout);
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.status}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-lint-')));
}

function write(dir: string, file: string, content: string | Buffer): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

const table = (...rows: string[]) => ['| Activity | Team | Client |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
const CLEAN = table('| Write | R | A |', '| Ship | RA | I |');
const WARNING_ONLY = table('| Write | RR | A |', '| Ship | RA | I |');
const WITH_ERROR = table('| Write | R | C |');

test('the built CLI exists (run "npm run build" first)', () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before these tests`);
});

test('--version prints the package version, --help the usage', () => {
  const dir = tempDir();
  assert.deepEqual(run(['--version'], dir), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
  const help = run(['--help'], dir);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: raci-lint .*--format stylish\|json\|sarif/);
  assert.match(help.stdout, /--max-warnings/);
});

test('exit codes: 0 clean, 1 errors or too many warnings, 2 bad usage', () => {
  const dir = tempDir();
  write(dir, 'clean.md', CLEAN);
  write(dir, 'warn.md', WARNING_ONLY);
  write(dir, 'error.md', WITH_ERROR);
  const clean = run(['clean.md'], dir);
  assert.deepEqual([clean.status, clean.stdout], [0, '']);
  assert.equal(run(['error.md'], dir).status, 1);
  assert.equal(run(['warn.md'], dir).status, 0);
  assert.equal(run(['--max-warnings', '1', 'warn.md'], dir).status, 0);
  const tooMany = run(['--max-warnings', '0', 'warn.md'], dir);
  assert.equal(tooMany.status, 1);
  assert.match(tooMany.stderr, /1 warnings, more than --max-warnings 0/);
  for (const args of [['--format', 'xml', 'clean.md'], ['--bogus', 'clean.md'], ['--max-warnings', 'x', 'clean.md'], []]) {
    const bad = run(args, dir);
    assert.equal(bad.status, 2, `${args.join(' ')}: ${bad.stderr}`);
    assert.match(bad.stderr, /^raci-lint: .+\nUsage: raci-lint/, args.join(' '));
    assert.equal(bad.stdout, '');
  }
});

test('json: shape and 1-based UTF-16 positions on a French fixture', () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(FIXTURES, 'matrice.fr.md'), path.join(dir, 'matrice.fr.md'));
  const result = run(['--format', 'json', 'matrice.fr.md'], dir);
  assert.equal(result.status, 1, result.stderr);
  const files = json(result);
  assert.equal(files.length, 1);
  assert.deepEqual(Object.keys(files[0]).sort(), ['filePath', 'messages']);
  assert.equal(files[0].filePath, path.join(dir, 'matrice.fr.md'));
  for (const message of files[0].messages) {
    assert.deepEqual(Object.keys(message).sort(), MESSAGE_KEYS);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(message.severity as string));
  }
  // Line 6 is "| Vérifier l'échéancier 🚀   | ra ...": three accented letters and an emoji
  // (2 UTF-16 units, 4 bytes) come before "ra". Byte columns would say 36, code points 31.
  const lower = files[0].messages.filter((m) => m.ruleId === 'lowercase-role');
  assert.deepEqual(
    lower.map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn })),
    [
      { line: 6, column: 32, endLine: 6, endColumn: 33 },
      { line: 6, column: 33, endLine: 6, endColumn: 34 },
    ],
  );
  const missing = files[0].messages.find((m) => m.ruleId === 'missing-accountable');
  assert.deepEqual(missing && [missing.severity, missing.line, missing.column, missing.endLine, missing.endColumn], ['error', 7, 3, 7, 11]);
  assert.match(String(missing?.message), /Déployer/);
});

test('stylish: eslint-like lines and summary, colours only on a TTY without NO_COLOR', async () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(FIXTURES, 'matrice.fr.md'), path.join(dir, 'matrice.fr.md'));
  const result = run(['matrice.fr.md'], dir);
  assert.equal(result.status, 1);
  assert.doesNotMatch(result.stdout, ANSI_ESCAPE);
  const lines = result.stdout.split('\n');
  assert.ok(lines.includes('matrice.fr.md'), result.stdout);
  assert.ok(
    lines.some((line) => /^ {2}6:32 +info +"r" is written in lower case.* {2}lowercase-role$/.test(line)),
    result.stdout,
  );
  assert.ok(
    lines.some((line) => /^ {2}7:3 +error +Activity "Déployer" has no Accountable.* {2}missing-accountable$/.test(line)),
    result.stdout,
  );
  assert.ok(lines.includes('✖ 3 problems (1 error, 0 warnings, 2 info)'), result.stdout);

  const capture = async (env: NodeJS.ProcessEnv) => {
    let out = '';
    const args = [path.join(dir, 'matrice.fr.md')];
    const code = await runCli({ argv: args, env, cwd: dir, isTTY: true, stdout: (t) => (out += t), stderr: () => undefined });
    return { code, out };
  };
  const coloured = await capture({});
  assert.equal(coloured.code, 1);
  assert.match(coloured.out, new RegExp(ESC + '\\[31merror'));
  assert.doesNotMatch((await capture({ NO_COLOR: '1' })).out, ANSI_ESCAPE);
});

test('directories: *.md and *.markdown, .gitignore up to the git root, node_modules and .git skipped', () => {
  const outer = tempDir();
  write(outer, '.gitignore', '*.md\n'); // above the git root: not the repository's rules
  const repo = path.join(outer, 'repo');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  write(repo, '.gitignore', 'ignored/\n*.draft.md\n');
  write(repo, 'docs/a.md', CLEAN);
  write(repo, 'docs/b.markdown', CLEAN);
  write(repo, 'docs/c.txt', CLEAN);
  write(repo, 'docs/x.draft.md', CLEAN);
  write(repo, 'docs/ignored/d.md', CLEAN);
  write(repo, 'docs/sub/.gitignore', 'local.md\n!keep.draft.md\n');
  write(repo, 'docs/sub/local.md', CLEAN);
  write(repo, 'docs/sub/keep.draft.md', CLEAN);
  write(repo, 'docs/sub/e.MD', CLEAN);
  write(repo, 'docs/node_modules/pkg/f.md', CLEAN);
  write(repo, '.git/g.md', CLEAN);
  // Searching docs/ only: the root .gitignore (an ancestor) still applies.
  const result = run(['--format', 'json', 'docs'], repo);
  assert.equal(result.status, 0, result.stderr);
  const found = json(result).map((f) => path.relative(repo, f.filePath).split(path.sep).join('/'));
  assert.deepEqual(found, ['docs/a.md', 'docs/b.markdown', 'docs/sub/e.MD', 'docs/sub/keep.draft.md']);
  // From the root: the same files (nothing from .git), and a named file is linted whatever its name.
  const all = json(run(['--format', 'json', 'docs/c.txt', '.'], repo)).map((f) =>
    path.relative(repo, f.filePath).split(path.sep).join('/'),
  );
  assert.deepEqual(all, ['docs/c.txt', ...found]);
});

test('sarif: a 2.1.0 log with rules, levels and 1-based regions', () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(FIXTURES, 'matrice.fr.md'), path.join(dir, 'matrice.fr.md'));
  write(dir, 'clean.md', CLEAN);
  const result = run(['--format', 'sarif', '.'], dir);
  assert.equal(result.status, 1, result.stderr);
  const log = JSON.parse(result.stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const [runLog] = log.runs;
  assert.equal(runLog.tool.driver.name, 'raci-lint');
  assert.equal(runLog.tool.driver.version, VERSION);
  const ruleIds = runLog.tool.driver.rules.map((r: { id: string }) => r.id);
  for (const id of RULE_IDS) assert.ok(ruleIds.includes(id), id);
  for (const rule of runLog.tool.driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0, rule.id);
    assert.equal(rule.helpUri, `https://github.com/raci-markdown/raci-markdown/blob/main/docs/rules.md#${rule.id}`);
  }
  assert.equal(runLog.results.length, 3);
  for (const r of runLog.results) {
    assert.ok(['error', 'warning', 'note'].includes(r.level));
    assert.equal(runLog.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.equal(typeof r.message.text, 'string');
    assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'matrice.fr.md');
  }
  const lower = runLog.results.find((r: { ruleId: string }) => r.ruleId === 'lowercase-role');
  assert.equal(lower.level, 'note');
  assert.deepEqual(lower.locations[0].physicalLocation.region, { startLine: 6, startColumn: 32, endLine: 6, endColumn: 33 });
  assert.equal(runLog.results.find((r: { ruleId: string }) => r.ruleId === 'missing-accountable').level, 'error');
});

test('--fix: safe fixes only, CRLF and BOM kept byte for byte, idempotent', () => {
  const dir = tempDir();
  const rows = (ship: string, check: string, test: string) =>
    [
      '# Plan',
      '',
      '| Activité | Équipe | Client |',
      '| --- | --- | --- |',
      `| Écrire | ${ship} | I |`,
      `| Vérifier | ${check} | C |`,
      `| Tester | ${test} | A |`,
      '| Réviser | R | C |',
      '',
    ].join('\r\n');
  const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows('ra', 'R\u0410', 'RR'), 'utf8')]);
  const after = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows('RA', 'RA', 'R '), 'utf8')]);
  const file = write(dir, 'plan.md', before);
  write(dir, 'clean.md', CLEAN);
  const old = new Date('2001-01-01T00:00:00Z');
  fs.utimesSync(path.join(dir, 'clean.md'), old, old);
  const cleanBefore = fs.statSync(path.join(dir, 'clean.md'));

  const first = run(['--fix', '--format', 'json', '.'], dir);
  assert.equal(first.status, 1, first.stderr); // missing-accountable has no safe fix
  assert.equal(first.stderr, '');
  assert.deepEqual(fs.readFileSync(file), after);
  const remaining = json(first).find((f) => f.filePath === file)!.messages;
  assert.deepEqual(
    remaining.map((m) => [m.ruleId, m.line]),
    [['missing-accountable', 8]],
  );
  const cleanAfter = fs.statSync(path.join(dir, 'clean.md'));
  assert.deepEqual([cleanAfter.ino, cleanAfter.mtimeMs], [cleanBefore.ino, cleanBefore.mtimeMs]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['clean.md', 'plan.md'], 'no temporary file left behind');

  fs.utimesSync(file, old, old);
  const fixedStat = fs.statSync(file);
  const second = run(['--fix', 'plan.md'], dir);
  assert.equal(second.status, 1);
  assert.deepEqual(fs.readFileSync(file), after);
  const again = fs.statSync(file);
  assert.deepEqual([again.ino, again.mtimeMs], [fixedStat.ino, fixedStat.mtimeMs]);
});

test('--fix does not replace a file changed on disk since it was read', () => {
  const dir = tempDir();
  const file = write(dir, 'a.md', table('| Write | ra | I |'));
  const source = readSource(file);
  assert.ok(!('problem' in source));
  const theirs = table('| Write | R | A |', '| New | R | A |');
  const result = writeAtomically(source, Buffer.from(table('| Write | RA | I |')), { beforeCheck: () => fs.writeFileSync(file, theirs) });
  assert.equal(result.written, false);
  assert.match(String('problem' in result && result.problem), /changed on disk/);
  assert.equal(fs.readFileSync(file, 'utf8'), theirs);
  assert.deepEqual(fs.readdirSync(dir), ['a.md']);
  const fresh = readSource(file);
  assert.ok(!('problem' in fresh));
  // Same bytes: not touched at all.
  const inode = fs.statSync(file).ino;
  assert.deepEqual(writeAtomically(fresh, Buffer.from(theirs)), { written: false });
  assert.equal(fs.statSync(file).ino, inode);
  // Unchanged on disk: written.
  assert.deepEqual(writeAtomically(fresh, Buffer.from(CLEAN)), { written: true });
  assert.equal(fs.readFileSync(file, 'utf8'), CLEAN);
});

test('a malformed .raci.json is named, its valid parts used, the rest linted, exit 2', () => {
  const dir = tempDir();
  write(dir, 'proj/.raci.json', '{ "scheme": "XYZ", "colour": 1, "rules": { "lowercase-role": "error" } }');
  write(dir, 'proj/docs/a.md', table('| Write | ra | I |'));
  const result = run(['--format', 'json', 'proj'], dir);
  assert.equal(result.status, 2);
  const config = path.join('proj', '.raci.json');
  const lines = result.stderr.trim().split('\n');
  assert.ok(
    lines.some((l) => l.includes(config) && l.includes('"scheme"')),
    result.stderr,
  );
  assert.ok(
    lines.some((l) => l.includes(config) && l.includes('unknown key "colour"')),
    result.stderr,
  );
  const messages = json(result)[0].messages;
  assert.deepEqual([...new Set(messages.filter((m) => m.ruleId === 'lowercase-role').map((m) => m.severity))], ['error']);

  write(dir, 'proj/.raci.json', '{ "scheme": "RACI", ');
  const broken = run(['--format', 'json', 'proj'], dir);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, new RegExp(`${config.replace(/[.\\]/g, '\\$&')}: .*invalid JSON`));
  assert.equal(json(broken)[0].messages.filter((m) => m.ruleId === 'lowercase-role').length, 2);
});

test('config: the nearest .raci.json wins; --config applies to every file', () => {
  const dir = tempDir();
  write(dir, '.raci.json', '{ "rules": { "missing-accountable": "off" } }');
  write(dir, 'a.md', WITH_ERROR);
  write(dir, 'strict/.raci.json', '{ "$schema": "x", "rules": { "missing-accountable": "error" } }');
  write(dir, 'strict/b.md', WITH_ERROR);
  const result = run(['--format', 'json', '.'], dir);
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(
    json(result).map((f) => [path.basename(f.filePath), f.messages.length]),
    [
      ['a.md', 0],
      ['b.md', 1],
    ],
  );
  write(dir, 'elsewhere/lenient.json', '{ "rules": { "missing-accountable": "off" } }');
  const forced = run(['--config', 'elsewhere/lenient.json', '.'], dir);
  assert.deepEqual([forced.status, forced.stdout, forced.stderr], [0, '', '']);
  const missing = run(['--config', 'nope.json', 'a.md'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.json: cannot read the configuration: no such file/);
});

test('a missing path is reported and the others still linted (exit 2)', () => {
  const dir = tempDir();
  write(dir, 'a.md', WITH_ERROR);
  const result = run(['--format', 'json', 'nope.md', 'a.md'], dir);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'raci-lint: nope.md: no such file or directory\n');
  assert.deepEqual(
    json(result).map((f) => path.basename(f.filePath)),
    ['a.md'],
  );
});

test('binary and non-UTF-8 files get one line each on stderr and are skipped', () => {
  const dir = tempDir();
  write(dir, 'a.md', CLEAN);
  write(dir, 'image.md', Buffer.concat([Buffer.from('| a | b |\n'), Buffer.from([0, 1, 2, 0])]));
  write(dir, 'latin1.md', Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  const result = run(['--format', 'json', '.'], dir);
  assert.equal(result.status, 2);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 2, result.stderr);
  assert.match(lines[0], /^raci-lint: image\.md: binary file/);
  assert.match(lines[1], /^raci-lint: latin1\.md: not valid UTF-8/);
  assert.deepEqual(
    json(result).map((f) => path.basename(f.filePath)),
    ['a.md'],
  );
});

test('files read one after the other into one buffer are each linted from their own bytes only', () => {
  const dir = tempDir();
  // a.md is long and ends with a finding; every file after it is shorter: were a file read
  // past its own end, or checked against the bytes left from a.md, b.md would report a.md's
  // last row and c.md would be found valid or binary by what follows it.
  const rows = Array.from({ length: 200 }, (_, i) => `| Step ${i} | R | A |`);
  write(dir, 'a.md', table(...rows, '| Last | ra | I |'));
  write(dir, 'b.md', table('| Write | R | A |'));
  write(dir, 'c.md', Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  write(dir, 'd.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table('| Review | r | A |'))]));
  write(dir, 'e.md', Buffer.concat([Buffer.from('| a | b |\n'), Buffer.from([0])]));
  const result = run(['--format', 'json', '--jobs', '1', '.'], dir);
  assert.equal(result.status, 2);
  const lines = result.stderr.trim().split('\n');
  assert.match(lines[0], /^raci-lint: c\.md: not valid UTF-8 \(bad byte near offset 5\)/, result.stderr);
  assert.match(lines[1], /^raci-lint: e\.md: binary file/, result.stderr);
  const found = Object.fromEntries(
    json(result).map((f) => [path.basename(f.filePath), f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)]),
  );
  assert.deepEqual(found, { 'a.md': ['lowercase-role@203:10', 'lowercase-role@203:11'], 'b.md': [], 'd.md': ['lowercase-role@3:12'] });
});

test('a ReadBuffer grows for a longer file and gives a shorter one exactly its bytes', () => {
  const dir = tempDir();
  const long = write(dir, 'long.md', 'x'.repeat(100_000));
  const short = write(dir, 'short.md', 'short\n');
  const buffer = new ReadBuffer();
  assert.equal(readRegularFileSync(long, 1_000_000, buffer).bytes.toString(), 'x'.repeat(100_000));
  const read = readRegularFileSync(short, 1_000_000, buffer);
  assert.equal(read.bytes.toString(), 'short\n');
  assert.equal(read.bytes.buffer, readRegularFileSync(long, 1_000_000, buffer).bytes.buffer, 'the same memory, reused');
  assert.throws(() => readRegularFileSync(long, 99_999, buffer), /larger than 99999 bytes/);
});

test('a file that is not UTF-8 is reported at the lead byte of its first bad sequence', () => {
  const dir = tempDir();
  const offsets = Object.entries({
    lone: [0xc3],
    cut: [0x61, 0x62, 0xe2, 0x82],
    broken: [0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a],
    stray: [0x61, 0x62, 0xff],
    afterValid: [0xc3, 0xa9, 0xff],
    afterEmoji: [0xf0, 0x9f, 0x98, 0x80, 0xf0, 0x9f, 0x98],
  }).map(([name, bytes]) => {
    const source = readSource(write(dir, `${name}.md`, Buffer.from(bytes)));
    return [name, 'problem' in source ? source.problem : 'read'];
  });
  assert.deepEqual(Object.fromEntries(offsets), {
    lone: 'not valid UTF-8 (bad byte near offset 0), skipped',
    cut: 'not valid UTF-8 (bad byte near offset 2), skipped',
    broken: 'not valid UTF-8 (bad byte near offset 5), skipped',
    stray: 'not valid UTF-8 (bad byte near offset 2), skipped',
    afterValid: 'not valid UTF-8 (bad byte near offset 2), skipped',
    afterEmoji: 'not valid UTF-8 (bad byte near offset 4), skipped',
  });
});

test('a file that grows while it is read is said to have changed, not to be too large', () => {
  const dir = tempDir();
  const file = write(dir, 'growing.md', 'hello world\n');
  const fstatSync = fs.fstatSync;
  // The file's size as fstat saw it, a moment before it grew by a few bytes.
  const patched = ((fd: number) => Object.assign(fstatSync(fd), { size: 5 })) as typeof fs.fstatSync;
  const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs;
  cjsFs.fstatSync = patched;
  syncBuiltinESMExports();
  try {
    for (const into of [undefined, new ReadBuffer()]) {
      const read = into ? readSourceText(file, 1000, into) : readSource(file, 1000);
      assert.deepEqual(read, { problem: 'cannot read: it changed while it was being read' });
    }
  } finally {
    cjsFs.fstatSync = fstatSync;
    syncBuiltinESMExports();
  }
  // Its size told right, the same file reads.
  const after = readSource(file, 1000);
  assert.equal('text' in after && after.text, 'hello world\n');
});

test('symbolic link loops are reported, not followed forever', () => {
  const dir = tempDir();
  write(dir, 'docs/a.md', CLEAN);
  fs.symlinkSync('..', path.join(dir, 'docs', 'up'));
  fs.symlinkSync('self.md', path.join(dir, 'docs', 'self.md'));
  const result = run(['--format', 'json', 'docs'], dir);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /docs[/\\]self\.md: symbolic link loop/);
  assert.match(result.stderr, /docs[/\\]up: symbolic link loop \(it leads back to /);
  assert.equal(result.stderr.split('\n').length, 3, result.stderr);
  assert.deepEqual(
    json(result).map((f) => path.relative(dir, f.filePath)),
    [path.join('docs', 'a.md')],
  );
});

test('an unreadable file is reported and the others still linted', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not stop root from reading (the missing-path and symlink-loop tests cover I/O problems)');
    return;
  }
  const dir = tempDir();
  write(dir, 'a.md', CLEAN);
  const locked = write(dir, 'locked.md', CLEAN);
  fs.chmodSync(locked, 0);
  const result = run(['--format', 'json', '.'], dir);
  fs.chmodSync(locked, 0o644);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /locked\.md: cannot read: permission denied/);
  assert.deepEqual(
    json(result).map((f) => path.basename(f.filePath)),
    ['a.md'],
  );
});

test('--init writes a valid .raci.json once and never overwrites it', () => {
  const dir = tempDir();
  const first = run(['--init'], dir);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /\.raci\.json/);
  const text = fs.readFileSync(path.join(dir, '.raci.json'), 'utf8');
  assert.deepEqual(parseConfigText(text).problems, []);
  const config = JSON.parse(text);
  assert.equal(config.$schema, './node_modules/raci-lint/schemas/raci.schema.json');
  assert.deepEqual(Object.keys(config.rules).sort(), [...RULE_IDS].sort());
  fs.writeFileSync(path.join(dir, '.raci.json'), '{}');
  const second = run(['--init'], dir);
  assert.equal(second.status, 2);
  assert.match(second.stderr, /already exists/);
  assert.equal(fs.readFileSync(path.join(dir, '.raci.json'), 'utf8'), '{}');
});

test('schemas/raci.schema.json describes exactly what the config validator accepts', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'raci.schema.json'), 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'maxAccountable', 'rules', 'scheme', 'translations']);
  const translations = schema.properties.translations;
  assert.equal(translations.additionalProperties, false);
  assert.deepEqual(Object.keys(translations.properties).sort(), ['pattern', 'source']);
  const example = { translations: { source: 'pt-BR', pattern: '{path}.{lang}.md' } };
  assert.match(example.translations.source, new RegExp(translations.properties.source.pattern));
  assert.match(example.translations.pattern, new RegExp(translations.properties.pattern.pattern));
  assert.deepEqual(parseConfigText(JSON.stringify(example)).problems, []);
  for (const scheme of [...SCHEME_IDS, 'RASIC']) assert.ok(schema.properties.scheme.enum.includes(scheme), scheme);
  for (const scheme of schema.properties.scheme.enum) assert.deepEqual(parseConfigText(JSON.stringify({ scheme })).problems, [], scheme);
  assert.deepEqual(schema.properties.maxAccountable, { ...schema.properties.maxAccountable, type: 'integer', minimum: 1 });
  const rules = schema.properties.rules;
  assert.equal(rules.additionalProperties, false);
  assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_IDS].sort());
  for (const rule of Object.values<{ enum: string[] }>(rules.properties))
    assert.deepEqual(rule.enum, ['error', 'warning', 'info', 'hint', 'off']);
  const described = (node: Record<string, unknown>): void => {
    assert.equal(typeof node.description, 'string');
    for (const child of Object.values((node.properties ?? {}) as Record<string, Record<string, unknown>>)) described(child);
  };
  described(schema);
});

test('locale comes from LC_ALL, LC_MESSAGES, then LANG', () => {
  assert.equal(localeFromEnv({ LANG: 'fr_FR.UTF-8' }), 'fr');
  assert.equal(localeFromEnv({ LC_ALL: 'de_DE.UTF-8', LANG: 'fr_FR.UTF-8' }), 'de');
  assert.equal(localeFromEnv({ LC_ALL: '', LC_MESSAGES: 'es_ES', LANG: 'fr_FR' }), 'es');
  assert.equal(localeFromEnv({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(localeFromEnv({}), 'en');
});

test('transposed matrices, one table per activity and ID columns are read and reported on the activity', () => {
  const dir = tempDir();
  write(
    dir,
    'layouts.md',
    [
      '| Role    | Build | Run |',
      '|---------|-------|-----|',
      '| Dev     | RA    | C   |',
      '| Ops     | I     | R   |',
      '',
      '## Patch',
      '',
      '| Rôle | RACI |',
      '|------|------|',
      '| Ops  | RA   |',
      '',
      '| # | Activity | Customer | Provider |',
      '|---|----------|----------|----------|',
      '| 1 | Rotate   | A        | A        |',
      '',
    ].join('\n'),
  );
  const result = run(['--format', 'json', 'layouts.md'], dir);
  assert.equal(result.status, 1);
  assert.deepEqual(
    json(result)[0].messages.map((m) => [m.ruleId, m.line, m.column, m.message]),
    [
      ['missing-accountable', 1, 21, 'Activity "Run" has no Accountable (A): exactly one party must approve it.'],
      ['multiple-accountable', 14, 7, 'Activity "Rotate" has 2 Accountables (Customer, Provider): at most 1 party may hold A.'],
      ['missing-responsible', 14, 7, 'Activity "Rotate" has no Responsible (R): no party does the work.'],
    ],
  );
});

test('--list-matrices lists every matrix with its layout, scheme, activities and parties, and the tables not read', () => {
  const dir = tempDir();
  write(
    dir,
    'list.md',
    [
      '| Role | Build | Run |',
      '|------|-------|-----|',
      '| Dev  | RA    | C   |',
      '| Ops  | I     | RA  |',
      '',
      '| Task  | Responsible | Accountable |',
      '|-------|-------------|-------------|',
      '| Ship  | Ana         | Bo          |',
      '',
      '| Task  | Responsible | Accountable |',
      '|-------|-------------|-------------|',
      '| Ship  | X           | X           |',
      '',
    ].join('\n'),
  );
  const plain = run(['list.md'], dir);
  for (const flag of ['--list-matrices', '--verbose']) {
    const result = run([flag, 'list.md'], dir);
    // The findings on stdout are those of a plain run; the list goes to stderr.
    assert.equal(result.stdout, plain.stdout);
    assert.equal(
      result.stderr,
      [
        'list.md',
        '  1: transposed: parties as rows; RACI; 2 activities (Build, Run) × 2 parties (Dev, Ops)',
        '  6: one column per role, parties named in the cells; RACI; 1 activities (Ship) × 2 parties (Ana, Bo)',
        '  10: This table looks like a responsibility matrix but is not read: its columns are roles (Responsible, Accountable) but its cells name no party (ticks or nothing): write who holds each role.',
        '',
      ].join('\n'),
    );
  }
});
