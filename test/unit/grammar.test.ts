// Tokenizes Markdown with the RACI injection grammar (syntaxes/raci.injection.tmLanguage.json)
// injected into a small stand-in for VS Code's Markdown grammar, and checks which characters a
// colour theme would colour as role codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INJECTION_PATH = join(ROOT, 'syntaxes', 'raci.injection.tmLanguage.json');
const HOST_PATH = join(ROOT, 'test', 'fixtures', 'grammar', 'markdown-host.tmLanguage.json');
const INJECTION_SCOPE = 'markdown.raci.injection';

const ROLE_SCOPES: Record<string, string> = {
  R: 'entity.name.function.raci.responsible',
  A: 'keyword.other.raci.accountable',
  S: 'support.type.raci.support',
  C: 'string.other.raci.consulted',
  I: 'comment.raci.informed',
  V: 'variable.parameter.raci.verifier',
  O: 'constant.numeric.raci.omitted',
  D: 'entity.name.type.raci.driver',
};
const ALL_ROLE_SCOPES = new Set(Object.values(ROLE_SCOPES));

let grammarPromise: Promise<IGrammar> | undefined;
function loadGrammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files: Record<string, string> = {
      'text.html.markdown': HOST_PATH,
      [INJECTION_SCOPE]: INJECTION_PATH,
    };
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
      loadGrammar: async (scopeName) => {
        const path = files[scopeName];
        return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
      },
      getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    assert.ok(grammar, 'host grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

/** Scopes of every character of every line. */
type Doc = { lines: string[]; scopes: string[][][] };

async function tokenize(text: string | string[]): Promise<Doc> {
  const grammar = await loadGrammar();
  const lines = Array.isArray(text) ? text : text.split(/\r?\n/);
  let state: StateStack = INITIAL;
  const scopes = lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const perChar: string[][] = [];
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) perChar[i] = token.scopes;
    }
    return perChar;
  });
  return { lines, scopes };
}

function lineIndex(doc: Doc, needle: string): number {
  const i = doc.lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `line containing ${JSON.stringify(needle)} is in the document`);
  return i;
}

/** Role scope (if any) of each character: what a theme would colour as a role code. */
function roleScopeAt(doc: Doc, line: number, col: number): string | undefined {
  return (doc.scopes[line][col] ?? []).find((s) => ALL_ROLE_SCOPES.has(s));
}

/** Role-coloured characters in `line`, optionally restricted to [from, to). */
function colouredChars(doc: Doc, line: number, from = 0, to = doc.lines[line].length): string[] {
  const out: string[] = [];
  for (let c = from; c < to; c++) {
    const scope = roleScopeAt(doc, line, c);
    if (scope) out.push(`${doc.lines[line][c]}@${c}:${scope}`);
  }
  return out;
}

/** Column range of the table cell (0-based, between pipes) of `line`. */
function cellRange(text: string, cell: number): [number, number] {
  const pipes = [...text.matchAll(/(?<!\\)\|/g)].map((m) => m.index!);
  const from = pipes[cell] + 1;
  const to = cell + 1 < pipes.length ? pipes[cell + 1] : text.length;
  return [from, to];
}

/** Role letters coloured in a cell, as "R" → scope pairs, in order. */
function cellRoles(doc: Doc, line: number, cell: number): Array<[string, string]> {
  const [from, to] = cellRange(doc.lines[line], cell);
  const out: Array<[string, string]> = [];
  for (let c = from; c < to; c++) {
    const scope = roleScopeAt(doc, line, c);
    if (scope) out.push([doc.lines[line][c], scope]);
  }
  return out;
}

const expected = (letters: string): Array<[string, string]> => [...letters].map((l) => [l, ROLE_SCOPES[l]]);

const SEED_TABLE = [
  '| Activité | Rôle Client | Rôle Cloud Temple |',
  '| -------- | ----------- | ----------------- |',
  '| Gérer les clés | __RA__ | __C, I__ |',
  "| Gérer les clés d'accès API (création, rotation, révocation) | __RA__ |                   |",
];

test('the injection is registered for text.html.markdown and loads', async () => {
  const doc = await tokenize(SEED_TABLE);
  assert.ok(doc.scopes[2][0].includes('meta.table.raci'), `row is inside the RACI table scope: ${doc.scopes[2][0].join(' ')}`);
});

test('role letters in `| Gérer les clés | __RA__ | __C, I__ |` get one scope per letter', async () => {
  const doc = await tokenize(SEED_TABLE);
  const row = lineIndex(doc, '| Gérer les clés |');
  assert.deepEqual(cellRoles(doc, row, 1), expected('RA'));
  assert.deepEqual(cellRoles(doc, row, 2), expected('CI'));
  // The bold emphasis is kept, so the cell still renders bold.
  const r = doc.lines[row].indexOf('RA');
  assert.ok(doc.scopes[row][r].includes('markup.bold.markdown'), doc.scopes[row][r].join(' '));
  assert.ok(doc.scopes[row][r].includes('meta.table.row.raci'), doc.scopes[row][r].join(' '));
  // Neither the underscores nor the comma are coloured as roles.
  const [from, to] = cellRange(doc.lines[row], 2);
  assert.deepEqual(
    colouredChars(doc, row, from, to).map((s) => s[0]),
    ['C', 'I'],
  );
});

test('nothing in activity cells is coloured, even capital letters that are role codes', async () => {
  const doc = await tokenize(SEED_TABLE);
  const row = lineIndex(doc, '| Gérer les clés |');
  assert.deepEqual(cellRoles(doc, row, 0), []);
  const api = lineIndex(doc, "d'accès API");
  assert.deepEqual(cellRoles(doc, api, 0), [], "'Gérer les clés d'accès API (...)' has no coloured letter");
  assert.deepEqual(cellRoles(doc, api, 1), expected('RA'));
  assert.deepEqual(cellRoles(doc, api, 2), [], 'empty cell');
});

test('header and delimiter rows are not coloured', async () => {
  const doc = await tokenize([
    '| Activité | Rôle Client | R | A | C | I |',
    '| -------- | :---------: | - | - | - | - |',
    '| Gérer | RA | R | A | C | I |',
  ]);
  assert.deepEqual(colouredChars(doc, 0), [], 'header row: "Rôle Client", "R", "A", "C", "I"');
  assert.deepEqual(colouredChars(doc, 1), [], 'delimiter row');
  assert.deepEqual(cellRoles(doc, 2, 1), expected('RA'), 'the body row right after is coloured');
  assert.deepEqual(cellRoles(doc, 2, 2), expected('R'));
});

test('rows are only coloured once a delimiter row has been seen', async () => {
  const doc = await tokenize(['| Activité | Client |', '| Gérer | RA |']);
  assert.deepEqual(colouredChars(doc, 1), []);
});

test('tables inside fenced code blocks are not coloured', async () => {
  const doc = await tokenize([
    '```markdown',
    '| Activité | Client |',
    '| --- | --- |',
    '| Gérer | RA |',
    '```',
    '',
    '| Activité | Client |',
    '| --- | --- |',
    '| Gérer | RA |',
  ]);
  assert.ok(doc.scopes[3][0].includes('markup.fenced_code.block.markdown'), 'stand-in host scopes the fence');
  for (const line of [1, 2, 3]) assert.deepEqual(colouredChars(doc, line), [], `fenced line ${line}`);
  assert.deepEqual(cellRoles(doc, 8, 1), expected('RA'), 'the same table after the fence is coloured');
});

test('tables in indented code blocks are not coloured', async () => {
  const doc = await tokenize(['Texte.', '', '    | Activité | Client |', '    | --- | --- |', '    | Gérer | RA |']);
  for (const line of [2, 3, 4]) assert.deepEqual(colouredChars(doc, line), [], `indented line ${line}`);
});

test('tables inside blockquotes are coloured after the ">" markers', async () => {
  const doc = await tokenize(['> | Activité | Client |', '> | --- | --- |', '> | Gérer | R/A |']);
  assert.deepEqual(colouredChars(doc, 0), []);
  assert.deepEqual(cellRoles(doc, 2, 1), expected('RA'));
  assert.ok(doc.scopes[2][0].includes('markup.quote.markdown'), 'blockquote scope kept');
});

test('cell notations: separators, emphasis, footnote markers and other schemes', async () => {
  const cells: Array<[string, string]> = [
    ['R/A', 'RA'],
    ['A / R', 'AR'],
    ['I*', 'I'],
    ['RA (1)', 'RA'],
    ['R, A', 'RA'],
    ['R A', 'RA'],
    ['R+A', 'RA'],
    ['**RA**', 'RA'],
    ['*RA*', 'RA'],
    ['`RA`', 'RA'],
    ['RA¹', 'RA'],
    ['RA[^1]', 'RA'],
    ['__R__, __A__', 'RA'],
    ['C, I', 'CI'],
    ['S', 'S'],
    ['R, V, S', 'RVS'],
    ['O', 'O'],
    ['D', 'D'],
    // Every cell the engine reads as codes, a repeated letter included (it reports it).
    ['**R, R**', 'RR'],
    ['A / R', 'AR'],
    ['R (1)', 'R'],
    ['CI/CD', 'CICD'],
  ];
  const doc = await tokenize([
    '| Activité | Rôle |',
    '| --- | --- |',
    ...cells.map(([cell]) => `| Tâche | ${cell} |`),
    '| Tâche | R/A', // no trailing pipe
  ]);
  cells.forEach(([cell, letters], i) => {
    assert.deepEqual(cellRoles(doc, i + 2, 1), expected(letters), `cell ${JSON.stringify(cell)}`);
  });
  assert.deepEqual(cellRoles(doc, cells.length + 2, 1), expected('RA'), 'last cell without trailing pipe');
  const fn = lineIndex(doc, 'RA (1)');
  assert.ok(doc.scopes[fn][doc.lines[fn].indexOf('(1)')].includes('meta.footnote.reference.raci'));
});

test('cells that are not only role codes are not coloured', async () => {
  const cells = ['N/A', '-', '—', 'Rôle Client', "Gérer les clés d'accès API", 'RA et C', 'Responsable (R)', 'R2', ''];
  const doc = await tokenize(['| Activité | Rôle |', '| --- | --- |', ...cells.map((cell) => `| Tâche | ${cell} |`)]);
  cells.forEach((cell, i) => assert.deepEqual(colouredChars(doc, i + 2), [], `cell ${JSON.stringify(cell)}`));
});

test('prose containing role codes is not coloured', async () => {
  const doc = await tokenize([
    'Le RA de ce projet : R/A pour le client.',
    '',
    'Un texte | RA | avec des barres verticales.',
    '',
    '- R, A',
    '',
    '# RA',
  ]);
  for (let line = 0; line < doc.lines.length; line++) assert.deepEqual(colouredChars(doc, line), [], doc.lines[line]);
});

test('seed document: RACI tables are coloured, the legend table and prose are not', async () => {
  const doc = await tokenize(readFileSync(join(ROOT, 'test', 'fixtures', 'seed-llmaas.fr.md'), 'utf8'));
  let coloured = 0;
  doc.lines.forEach((text, line) => {
    const roles = colouredChars(doc, line);
    if (
      /^\| (?:Activité|Rôle) /.test(text) ||
      /^\| -/.test(text) ||
      !text.startsWith('|') ||
      text.includes('__R__éalise') ||
      /^\| \([RACI]\)/.test(text)
    ) {
      assert.deepEqual(roles, [], `line ${line + 1}: ${text}`);
      return;
    }
    // Body rows of the RACI tables: every __X__ code is coloured, the activity cell is not.
    const codes = [...text.matchAll(/__([RACI, ]+)__/g)].map((m) => m[1].replace(/[ ,]/g, '')).join('');
    assert.equal(roles.map((r) => r[0]).join(''), codes, `line ${line + 1}: ${text}`);
    assert.deepEqual(cellRoles(doc, line, 0), [], `activity cell of line ${line + 1}`);
    coloured++;
  });
  assert.ok(coloured >= 10, `body rows checked: ${coloured}`);
});
