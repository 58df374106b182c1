import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/legends');

function run(args: string[], cwd: string) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before these tests`);
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete env[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined);
  return result;
}

test('raci-lint reads legends in prose, header rows and inferred schemes (en, fr, de, es, it)', () => {
  const result = run(['--format', 'json', '--list-matrices', '.'], FIXTURES);
  const found = (JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[])
    .filter((file) => file.messages.length > 0)
    .map((file) => [path.basename(file.filePath), file.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)]);
  assert.deepEqual(found, [
    ['dri.it.md', ['multiple-accountable 6:3']],
    ['legende.fr.md', ['missing-accountable 9:3']],
    ['leyenda.es.md', ['missing-accountable 9:3']],
    ['undefined.en.md', ['undefined-role 11:43']],
    ['vmi.de.md', ['missing-accountable 7:3']],
  ]);
  const list = result.stderr;
  assert.match(list, /dri\.it\.md\n {2}3: activities as rows; DRI \(inferred from its letters\);/);
  assert.match(list, /legende\.fr\.md\n {2}5: activities as rows; legend \(R, A, C, I, S\);/);
  assert.match(list, /leyenda\.es\.md\n {2}6: activities as rows; legend \(R, A, C, I, D\);/);
  assert.match(list, /not-legends\.en\.md\n {2}23: activities as rows; RACI;/);
  assert.match(list, /vmi\.de\.md\n {2}3: activities as rows; VMI \(inferred from its letters\);/);
});

test('raci-lint --fix leaves an undefined letter alone: the author says what it means', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-legends-'));
  const file = path.join(dir, 'undefined.en.md');
  fs.copyFileSync(path.join(FIXTURES, 'undefined.en.md'), file);
  const before = fs.readFileSync(file, 'utf8');
  run(['--fix', 'undefined.en.md'], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), before);
  fs.rmSync(dir, { recursive: true, force: true });
});
