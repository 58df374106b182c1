// Work raci-lint does per file that is not reading and analysing it: counted, never timed.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { discoverFiles } from '../../server/src/cli/files';
import { runCli } from '../../server/src/cli';

/** The module object itself, whose methods a mock can replace (an import gives a copy of its bindings). */
const nodeFs = createRequire(import.meta.url)('node:fs') as typeof fs;
const nodePath = createRequire(import.meta.url)('node:path') as typeof path;

function tree(files: number): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-work-')));
  for (let i = 0; i < files; i++) {
    const file = path.join(dir, `part-${i % 4}`, `page-${i}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# Page ${i}\n`);
  }
  return dir;
}

test("finding the files of a folder resolves each directory's real path, not each file's, and still lints a linked file once", () => {
  const dir = tree(200);
  // The same file through a link to it and through a link to its directory: one file to lint.
  fs.symlinkSync(path.join(dir, 'part-0', 'page-0.md'), path.join(dir, 'part-1', 'link.md'));
  fs.symlinkSync(path.join(dir, 'part-2'), path.join(dir, 'linked-part'));
  const realpath = mock.method(nodeFs, 'realpathSync');
  try {
    const { files, problems } = discoverFiles(['.'], dir, (file) => path.relative(dir, file));
    const calls = realpath.mock.callCount();
    assert.deepEqual(problems, []);
    assert.equal(files.length, 200);
    assert.equal(new Set(files.map((file) => fs.realpathSync(file))).size, 200);
    assert.ok(!files.some((file) => file.endsWith('link.md')));
    // The folder, its 5 directories and the one linked file: not one call per file.
    assert.ok(calls < 20, `${calls} calls to realpath`);
  } finally {
    realpath.mock.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('finding the files of a folder reads the .gitignore files there are, and tries no other', () => {
  const dir = tree(40);
  fs.writeFileSync(path.join(dir, 'part-1', '.gitignore'), 'page-1.md\n');
  const read = mock.method(nodeFs, 'readFileSync');
  try {
    const { files } = discoverFiles(['.'], dir, (file) => path.relative(dir, file));
    assert.equal(files.length, 39);
    assert.ok(!files.includes(path.join(dir, 'part-1', 'page-1.md')));
    const tried = read.mock.calls.map((call) => String(call.arguments[0])).filter((file) => file.endsWith('.gitignore'));
    assert.deepEqual(tried, [path.join(dir, 'part-1', '.gitignore')]);
  } finally {
    read.mock.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a JSON report over many files is written in a few large writes, not one per file, and reads as one report', () => {
  const dir = tree(300);
  try {
    const writes: string[] = [];
    const code = lintJson(dir, (text) => writes.push(text));
    assert.equal(code, 0);
    const report = JSON.parse(writes.join('')) as { filePath: string; messages: unknown[] }[];
    assert.equal(report.length, 300);
    assert.ok(writes.length <= 5, `${writes.length} writes for 300 files`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each file is read in one read call', () => {
  const dir = tree(200);
  const read = mock.method(nodeFs, 'readSync');
  try {
    const code = lintJson(dir, () => {});
    assert.equal(code, 0);
    const calls = read.mock.callCount();
    assert.ok(calls >= 200 && calls < 220, `${calls} reads for 200 files`);
  } finally {
    read.mock.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pairing translations works out the relative path of each folder once, not of each file, and pairs as before', () => {
  const dir = tree(300);
  fs.mkdirSync(path.join(dir, 'fr'));
  fs.writeFileSync(path.join(dir, 'guide.md'), '| Activity | Dev |\n|---|---|\n| Ship | A |\n| Test | R |\n');
  fs.writeFileSync(path.join(dir, 'fr', 'guide.md'), '| Activité | Dev |\n|---|---|\n| Livrer | A |\n');
  const relative = mock.method(nodePath, 'relative');
  try {
    const writes: string[] = [];
    lintJson(dir, (text) => writes.push(text));
    const calls = relative.mock.callCount();
    const report = JSON.parse(writes.join('')) as { filePath: string; messages: { ruleId: string }[] }[];
    const translation = report.find((r) => r.filePath === path.join(dir, 'fr', 'guide.md'))!;
    assert.ok(
      translation.messages.some((m) => m.ruleId.startsWith('translation-')),
      JSON.stringify(translation),
    );
    assert.ok(calls < 50, `${calls} calls to path.relative for 302 files`);
  } finally {
    relative.mock.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** `raci-lint --format json --jobs 1 .` in `dir`, its output to `stdout`; the exit code. */
function lintJson(dir: string, stdout: (text: string) => void): number {
  return runCli({ argv: ['--format', 'json', '--jobs', '1', '.'], env: {}, cwd: dir, stdout, stderr: () => {}, isTTY: false });
}
