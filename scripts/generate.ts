/**
 * Writes what follows from the rule registry (server/src/engine/rules/registry.ts) into
 * the files that must repeat it: the manifest's `raci.rules` setting, the JSON schema of
 * `.raci.json`, and the rules tables of README.md and docs/rules.md. `--check` writes
 * nothing and exits 1 when a file is out of date (test/unit/registry.test.ts runs it).
 *
 *   npm run generate            rewrite the files
 *   npm run generate -- --check report files that are out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../server/src/engine/rules/registry';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULES_DOC = 'https://github.com/raci-markdown/raci-markdown/blob/main/docs/rules.md';
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** Each generated file's new text, from its current text. */
export function generated(read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();

  const manifest = JSON.parse(read('package.json'));
  manifest.contributes.configuration.properties['raci.rules'].properties = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      { type: 'string', enum: SEVERITIES, markdownDescription: `%config.rules.${rule.id}%`, default: rule.defaultSeverity },
    ]),
  );
  out.set('package.json', JSON.stringify(manifest, null, 2) + '\n');

  const schema = JSON.parse(read('schemas/raci.schema.json'));
  schema.properties.rules.properties = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      {
        type: 'string',
        enum: SEVERITIES,
        description: `${rule.description.replace(/\.$/, '')} (default: ${rule.defaultSeverity}). See ${RULES_DOC}#${rule.id}`,
      },
    ]),
  );
  out.set('schemas/raci.schema.json', JSON.stringify(schema, null, 2) + '\n');

  const table = (link: (id: string) => string) =>
    [
      '| id | default | what |',
      '|---|---|---|',
      ...RULES.map((rule) => `| [\`${rule.id}\`](${link(rule.id)}) | ${rule.defaultSeverity} | ${rule.summary} |`),
    ].join('\n');
  out.set(
    'README.md',
    replaceBetweenMarkers(
      read('README.md'),
      'README.md',
      table((id) => `docs/rules.md#${id}`),
    ),
  );
  out.set(
    'docs/rules.md',
    replaceBetweenMarkers(
      read('docs/rules.md'),
      'docs/rules.md',
      table((id) => `#${id}`),
    ),
  );
  return out;
}

const START = '<!-- rules-table: generated from server/src/engine/rules/registry.ts by `npm run generate` -->';
const END = '<!-- /rules-table -->';

function replaceBetweenMarkers(text: string, file: string, body: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: the markers of the rules table are missing`);
  return `${text.slice(0, start + START.length)}\n${body}\n${text.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate.ts')) {
  const check = process.argv.includes('--check');
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
  const stale: string[] = [];
  for (const [file, text] of generated(read)) {
    if (read(file) === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path.join(ROOT, file), text);
  }
  if (check && stale.length > 0) {
    console.error(`Out of date with the rule registry: ${stale.join(', ')}. Run \`npm run generate\`.`);
    process.exit(1);
  }
  if (!check) console.log(stale.length > 0 ? `Wrote ${stale.join(', ')}.` : 'Everything is up to date.');
}
