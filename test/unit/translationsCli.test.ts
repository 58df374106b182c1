// raci-lint over a Docusaurus site in two languages: the BUILT dist/cli.js on a temporary tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', 'cli.js');

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-i18n-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function lint(dir: string, ...args: string[]) {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete env[name];
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return {
    status: result.status,
    results: JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[],
  };
}

const table = (...rows: string[]) => `| Activity | Customer | Provider |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
const DE = 'i18n/de/docusaurus-plugin-content-docs/current/keys.md';

test('raci-lint docs i18n: a German page that drifted from its source is reported on the German cell', () => {
  const dir = tree({
    'docs/keys.md': `# Keys\n\n${table('| Rotate keys | C | RA |', '| Back up | R | A |')}`,
    [DE]: `# Schlüssel\n\n${table('| Schlüssel rotieren | CI | RA |', '| Sichern | R | A |')}`,
    'docs/alone.md': `# Alone\n\n${table('| Plan | R | A |')}`,
  });
  const { status, results } = lint(dir, 'docs', 'i18n');
  assert.equal(status, 0);
  const byFile = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => `${m.ruleId}@${m.line}`)]));
  assert.deepEqual(byFile, { 'docs/alone.md': [], 'docs/keys.md': [], [DE]: ['translation-drift@5'] });
  assert.match(results.find((r) => r.filePath.endsWith(DE))!.messages[0].message, /docs\/keys\.md/);
  // Linted alone, the translation has no source to compare with: no finding.
  assert.deepEqual(lint(dir, 'i18n').results[0].messages, []);
});
