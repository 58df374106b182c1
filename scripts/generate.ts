/**
 * Writes what follows from the rule registry (server/src/engine/rules/registry.ts) into
 * the files that must repeat it: the manifest's `raci.rules` setting, the JSON schema of
 * `.raci.json`, and the rules tables of README.md and docs/rules.md; and the role palette
 * (scripts/palette.ts) into the preview's and the overview's style sheets and the editor's
 * default token colours in the manifest. `--check` writes nothing and exits 1 when a file
 * is out of date (test/unit/registry.test.ts runs it).
 *
 *   npm run generate            rewrite the files
 *   npm run generate -- --check report files that are out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../server/src/engine/rules/registry';
import { EDITOR_THEMES, OTHER_LETTERS, ROLE_COLOURS, type Rgba } from './palette';

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
  manifest.contributes.configurationDefaults = {
    'editor.tokenColorCustomizations': editorColours(JSON.parse(read('syntaxes/raci.injection.tmLanguage.json'))),
  };
  out.set('package.json', JSON.stringify(manifest, null, 2) + '\n');
  out.set('media/raci-roles.css', replaceBetween(read('media/raci-roles.css'), 'media/raci-roles.css', CSS_MARKERS, roleRules()));
  out.set('media/overview.css', replaceBetween(read('media/overview.css'), 'media/overview.css', CSS_MARKERS, tintRules()));

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

const TABLE_MARKERS = [
  '<!-- rules-table: generated from server/src/engine/rules/registry.ts by `npm run generate` -->',
  '<!-- /rules-table -->',
] as const;
const CSS_MARKERS = ['/* role colours: generated from scripts/palette.ts by `npm run generate` */', '/* /role colours */'] as const;

function replaceBetweenMarkers(text: string, file: string, body: string): string {
  return replaceBetween(text, file, TABLE_MARKERS, body);
}

function replaceBetween(text: string, file: string, [START, END]: readonly [string, string], body: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: the markers ${START} … ${END} are missing`);
  return `${text.slice(0, start + START.length)}\n${body}\n${text.slice(end)}`;
}

/**
 * The editor's colours, for the built-in light and dark themes only: other themes keep their
 * own colours for the grammar's scopes. Each rule's selector is the letter's scope without its
 * last part (`keyword.other.raci` for `keyword.other.raci.accountable`): more specific than a
 * theme's `keyword`, less than a user's own rule for the whole scope, which therefore wins
 * although theme-specific customisations are applied after the general ones.
 */
function editorColours(grammar: { repository: Record<string, { name?: string }> }): Record<string, unknown> {
  const letters = [...(['R', 'A', 'C', 'I'] as const), ...OTHER_LETTERS];
  const rules = (theme: 'light' | 'dark') =>
    letters.map((letter) => {
      const scope = grammar.repository[`letter-${letter}`]?.name;
      if (!scope) throw new Error(`syntaxes/raci.injection.tmLanguage.json: no scope for ${letter}`);
      const colour = letter === 'R' || letter === 'A' || letter === 'C' || letter === 'I' ? ROLE_COLOURS[letter] : ROLE_COLOURS.other;
      return { scope: scope.slice(0, scope.lastIndexOf('.')), settings: { foreground: colour[theme] } };
    });
  const key = (names: readonly string[]) => names.map((name) => `[${name}]`).join('');
  return { [key(EDITOR_THEMES.light)]: { textMateRules: rules('light') }, [key(EDITOR_THEMES.dark)]: { textMateRules: rules('dark') } };
}

/** The preview's and the overview's text colours: R, A, C and I by letter, any other letter alike. */
function roleRules(): string {
  const other = '.raci-code:where(:not(.raci-R, .raci-A, .raci-C, .raci-I, .raci-invalid))';
  const rules = (prefix: string, theme: 'light' | 'dark') => [
    ...(['R', 'A', 'C', 'I'] as const).map((letter) => `${prefix}.raci-${letter} { --raci-fg: ${ROLE_COLOURS[letter][theme]}; }`),
    `${prefix}${other} { --raci-fg: ${ROLE_COLOURS.other[theme]}; }`,
    `${prefix}.raci-invalid { --raci-fg: ${ROLE_COLOURS.invalid[theme]}; }`,
  ];
  return [
    '/* Light themes (and the default, for previews without a theme class). */',
    ...rules('', 'light'),
    '',
    '/* Dark themes: lighter tints of the same hues. */',
    ...rules('.vscode-dark ', 'dark'),
  ].join('\n');
}

/** The overview's cell tints: the strongest role of the cell (A, then R, then the first code). */
function tintRules(): string {
  const rgba = ([r, g, b, a]: Rgba) => `rgba(${r}, ${g}, ${b}, ${a})`;
  const rules = (prefix: string, theme: 'light' | 'dark') => [
    ...(['A', 'R', 'C', 'I'] as const).map(
      (letter) => `${prefix}.cell-${letter} { background: ${rgba(ROLE_COLOURS[letter].tint[theme])}; }`,
    ),
    `${OTHER_LETTERS.map((letter) => `${prefix}.cell-${letter}`).join(', ')} { background: ${rgba(ROLE_COLOURS.other.tint[theme])}; }`,
  ];
  return [...rules('', 'light'), ...rules('.vscode-dark ', 'dark')].join('\n');
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
