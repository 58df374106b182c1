import fc from 'fast-check';

/**
 * A place in a text, as a fraction of its length, spread over the whole of it:
 * `fc.double({ min: 0, max: 1 })` draws from the doubles' bit patterns, nearly all of which
 * are within a hair of 0, so an edit made with it almost always landed at the start.
 */
export const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

/** Fragments of real-looking Markdown, chosen to stress where a chunked parse could go wrong. */
const fragments: string[] = [
  '# Heading',
  '## Définir votre besoin',
  '#',
  '###### Six #',
  '#NotAHeading',
  '####### Seven',
  '> note | x',
  '| a | b |',
  '***',
  '1. one\n| x | y |',
  'Setext heading\n===',
  'Some prose with `code | pipe` and a \\| escaped pipe.',
  '| Activité | Rôle Client | Rôle Cloud Temple |\n| --- | --- | --- |\n| Gérer les clés | __RA__ | |\n| Évolutions | __C, I__ | __RA__ |',
  '| Activity | Client | Provider |\n|---|---|---|\n| Ship | R | C |\n| Run | RA | A |\n| Run | X | ra |',
  '| Task | A | B |\n|:-|:-:|-:|\n| Do `a|b` | R\u0410 | C |\n| Do \\| it | R, R | A | extra |',
  '| Rôle | Description |\n|---|---|\n| (R) Réalise | __R__éalise |\n| (A) Approuve | __A__pprouve |\n| (S) Support | x |',
  '```\n| Activity | A |\n|---|---|\n| x | Q |',
  '```',
  '~~~md',
  '~~~',
  '    | Activity | A |\n    |---|---|\n    | x | Q |',
  '> | Activity | Client |\n> |---|---|\n> | Quote | C |',
  '> ```\n> code',
  '- item\n\n  | Task | Client |\n  |---|---|\n  | Listed | R |',
  '- item\n  ```\n  fenced in list',
  '1. one\n2. two',
  '<!--',
  '-->',
  '<!-- raci-disable missing-accountable -->',
  '<!-- raci-enable -->',
  '<!-- raci-disable-next-line -->',
  '<div>',
  '</div>',
  '<span>inline</span> html',
  '<script>\nlet a = 1;',
  '</script>',
  '---\nraci:\n  scheme: RASCI\n---',
  '---',
  '...',
  '--- ',
  '😀 emoji and combining e\u0301 and 中文',
  '\t| Tabbed | R |',
  '[^1]: footnote\n    | Activity | A |',
  '| **Build** |',
  '',
];

/** A table large enough to be parsed in pieces, with the odd row a piece boundary could break. */
const largeTable = [
  '| Activity | Client | Provider |',
  '|:--|:-:|--:|',
  ...Array.from(
    { length: 90 },
    (_, i) =>
      [
        `| Task ${i} | RA | C |`,
        `| Task ${i} <!-- raci-disable-line --> | R | X |`,
        `| Esc \\| ${i} | \`R|A\` | I |`,
        `| Short ${i} |`,
        `| Long ${i} | R | A | extra |`,
        `|Tight ${i}|ra|С|`,
      ][i % 6],
  ),
].join('\n');
fragments.push(
  '| Role | Define scope | Deploy |\n|---|---|---|\n| Sponsor | A | |\n| Ops | R | RA |\n| **Group** | | |',
  '## Rotate keys\n\n| Rôle | RACI |\n|---|---|\n| Client | A |\n| Provider | R |',
  '| # | Activity | Customer | Provider |\n|---|---|---|---|\n| 1 | Rotate keys | A | R |\n| 2 | Patch | | R, R |',
  '| Task | Responsible | Accountable | Consulted |\n|---|---|---|---|\n| Ship | Eng lead | VP Eng, CTO | PM; QA |\n| Plan | Ops | | Ana<br>Bo |',
);
// Legends written in prose, and prose that only looks like one.
fragments.push(
  'S = Supporting',
  '- **S** – Support: provides resources',
  '* R: Responsible\n* A: Accountable\n* C: Consulted',
  '(R) Réalise (A) Approuve (C) Consulté (I) Informé',
  '[^1]: V = Verantwortung, M = Mitwirkung, I = Information',
  'R: Responsable, A: Aprobador, C: Consultado, I: Informado',
  '| D = Driver | A = Approver | C = Contributor | I = Informed |\n|---|---|---|---|',
  'Q: What is it?\nA: It is a tool.',
  '```\nS = Support\n```',
  '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | DRI | C |\n| Plan | I | DRI |',
  '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | R, S | A |\n| Plan | S | A, R |',
  '## Section\n\nS = Supporting\n\n| Activity | Ann | Ben |\n|---|---|---|\n| Pick | R, S | A |\n| Plan | S | A, R |\n| Ship | S | A |',
  '### Legend\n\n- **S** – Support\n- **D** – Driver',
);
fragments.push(largeTable, largeTable.replace(/\| Task 7 \| RA \| C \|\n/, '| Task 7 | RA | C |\n\n'));

/**
 * Characters and inline constructs that a chunked parse, a cell grammar, a position
 * encoding or a fix could get wrong: emphasis, escaped pipes, code spans with pipes,
 * look-alike letters (Cyrillic, Greek, full-width), emoji (astral, ZWJ sequences),
 * combining marks, CJK, tabs, NUL, lone surrogates, invisible and bidi characters.
 */
export const ATOMS: string[] = [
  'R',
  'A',
  'C',
  'I',
  'S',
  'RA',
  'r',
  'ra',
  'R, A',
  'R/A',
  'R+A',
  'C, I',
  'R R',
  'X',
  'Q',
  'DRI',
  'D',
  'P',
  'V',
  '__RA__',
  '**A**',
  '*C*',
  '_I_',
  '`R`',
  '`R|A`',
  '`a | b`',
  'R\\|A',
  '\\|',
  '\\',
  '|',
  '\u0410',
  '\u0421',
  'R\u0410',
  '\u0391',
  '\u0399',
  '\uFF32',
  '\u0280',
  '😀',
  '👩‍👩‍👧',
  '🇫🇷',
  'R😀',
  'e\u0301',
  'A\u0301',
  'R\u0336',
  '中文',
  '責任者',
  'Ａ',
  '\t',
  '\0',
  'R\0',
  '\uD800',
  '\uDFFF',
  'R\uDC00',
  '\uD83D',
  '\u00A0',
  '\u200B',
  '\u200F',
  '\u2028',
  '\uFEFF',
  '-',
  '–',
  '—',
  'N/A',
  '',
  ' ',
  'I*',
  'RA (1)',
  'RA¹',
  'R[^1]',
  'R<br>A',
  '<br>',
  '<!-- raci-disable-line -->',
  '<!-- raci-disable-line missing-accountable -->',
  '<!--',
  '-->',
  '<span>R</span>',
  '[R](#a)',
  '![A](x.png)',
  '&amp;',
  '&#65;',
  'é',
  'Ç',
  'ß',
];

const atom = fc.constantFrom(...ATOMS);
const word = fc.constantFrom(
  'Activity',
  'Activité',
  'Tâche',
  'Task',
  'Livrable',
  'Aufgabe',
  'Rôle',
  'Who',
  'Client',
  'Rôle Cloud Temple',
  'Équipe Sécurité',
  '中文 团队',
  '😀 Team',
  'Gérer les clés',
  'Déployer',
  'x',
);

/** Text made of random atoms and words. */
const inline = fc.array(fc.oneof(atom, word), { minLength: 0, maxLength: 4 }).map((parts) => parts.join(''));

/** A cell as people write them, now and then with junk around it. */
const cell = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'R',
      'A',
      'C',
      'I',
      'RA',
      'R, A',
      'C, I',
      '__RA__',
      '**A**',
      '`R`',
      '-',
      '',
      'ra',
      'X',
      'R, R',
      'А',
      'S',
      'I*',
    ),
  },
  { weight: 1, arbitrary: inline },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Accountable',
      '(Consulted)',
      'Responsable',
      'Réalise',
      'Verantwortlich',
      'Aprobador',
      'Resp. / Appr.',
      'R (EMEA)',
      'C, I - only new',
      'R (EMEA), A',
      '(R)',
      'Support',
    ),
  },
);

/** A random GFM table: header, delimiter, rows of random shapes, under a random container prefix. */
const table = fc
  .record({
    first: word,
    parties: fc.array(word, { minLength: 1, maxLength: 5 }),
    align: fc.constantFrom('---', ':--', ':-:', '--:', '-'),
    delimiterExtra: fc.integer({ min: -1, max: 1 }),
    rows: fc.array(fc.tuple(word, fc.array(cell, { minLength: 0, maxLength: 7 })), { minLength: 0, maxLength: 6 }),
    outerPipes: fc.boolean(),
    prefix: fc.constantFrom('', '', '', '> ', '> > ', '- ', '  ', '1. ', '\t'),
  })
  .map(({ first, parties, align, delimiterExtra, rows, outerPipes, prefix }) => {
    const line = (cells: string[]) => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    const width = Math.max(1, parties.length + 1 + delimiterExtra);
    const lines = [
      line([first, ...parties]),
      line(Array.from({ length: width }, () => align)),
      ...rows.map(([name, cells]) => line([name, ...cells])),
    ];
    return lines
      .map((l, i) => (i === 0 || (!prefix.startsWith('-') && !prefix.startsWith('1')) ? prefix : ' '.repeat(prefix.length)) + l)
      .join('\n');
  });

/** A legend table, defining (or failing to define) codes. */
const legend = fc
  .array(fc.tuple(fc.constantFrom('R', 'A', 'C', 'I', 'S', 'V', 'K', 'D', 'r', '\u0410', '', 'RA'), word), { minLength: 1, maxLength: 5 })
  .map((entries) =>
    ['| Rôle | Description |', '|---|---|', ...entries.map(([code, name]) => `| (${code}) ${name} | __${code}__${name} |`)].join('\n'),
  );

/**
 * A table in one of the other layouts: parties as rows (transposed), one table per activity
 * under a heading (`| Role | RACI |`), or activities after an ID column; cells as above.
 */
const layoutTable = fc
  .record({
    kind: fc.constantFrom('transposed', 'per-activity', 'numbered', 'role-columns'),
    first: fc.constantFrom('Role', 'Rôle', 'Rolle', 'Ruolo', 'Rol', 'Team', 'Stakeholder', 'Role / Activity'),
    heading: fc.constantFrom('', '## Deploy\n\n', '### Gérer les clés\n\n', '## Role\n\n'),
    columns: fc.array(word, { minLength: 1, maxLength: 4 }),
    rows: fc.array(fc.tuple(word, fc.array(cell, { minLength: 0, maxLength: 5 })), { minLength: 1, maxLength: 5 }),
  })
  .map(({ kind, first, heading, columns, rows }) => {
    const header =
      kind === 'numbered'
        ? ['#', 'Activity', ...columns]
        : kind === 'per-activity'
          ? [first, 'RACI']
          : kind === 'role-columns'
            ? ['Task', 'Responsible', 'Accountable (A)', 'C', 'Informé']
            : [first, ...columns];
    // Role columns hold party names: the random words, joined as people join them.
    const names = (cells: string[]) => cells.map((c, i) => (i % 2 ? `${c}, ${name(i)}` : `${name(i)} & ${c}`));
    const name = (i: number) => ['Ana', 'QA', 'Eng lead', 'PO'][i % 4];
    const body = rows.map(([first, cells], i) =>
      kind === 'numbered' ? [String(i + 1), first, ...cells] : kind === 'role-columns' ? [first, ...names(cells)] : [first, ...cells],
    );
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return heading + [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
  });

/**
 * Front matter and what only looks like it: opened and closed by `---` (with trailing
 * blanks or not), "closed" by YAML's `...` (remark-frontmatter reads on to a later `---`),
 * by `----`, or not closed at all, and now and then not on the first line.
 */
const frontMatter = fc
  .tuple(
    fc.constantFrom('RACI', 'RASCI', 'DACI', 'CAIRO', 'RACI-VS', 'NOPE', ''),
    fc.constantFrom('', '  rules: { empty-row: off }\n', '  rules: [\n', '  maxAccountable: 2\n', '  maxAccountable: -1\n'),
    fc.constantFrom('---', '---', '---', '--- ', '---\t', '----'),
    fc.constantFrom('---', '---', '---', '---  ', '...', '... ', '----', ''),
    fc.constantFrom('', '', '', '', '\n', 'Intro.\n', ' '),
  )
  .map(([scheme, extra, open, close, before]) => `${before}${open}\nraci:\n  scheme: ${scheme}\n${extra}${close}`);

const control = fc
  .tuple(
    fc.constantFrom('raci-disable', 'raci-enable', 'raci-disable-next-line', 'raci-disable-line', 'raci-disable ', 'RACI-DISABLE'),
    fc.constantFrom('', ' missing-accountable', ' invalid-role row-shape', ' nope'),
  )
  .map(([directive, rules]) => `<!-- ${directive}${rules} -->`);

/**
 * Long runs of one unit, in a cell or on a line of their own: what once made a pattern
 * backtrack or a fix re-read its cell per code (`A A A …`, `*a *a …`, unclosed `<!--`,
 * `<a`, `[^`, a heading's trailing blanks).
 */
const RUN_UNITS = [
  'A ',
  '*a ',
  'ra',
  'R, ',
  '\u0410 ',
  '<!--',
  '<!-- raci-disable ',
  '<a',
  '*a',
  '_',
  '`',
  '~~',
  '[^',
  '(1',
  '1',
  '¹',
  '\\*',
  ' ',
  '\t',
  '#',
  '-->',
  '>',
];
const longRun = fc
  .tuple(fc.constantFrom(...RUN_UNITS), fc.integer({ min: 50, max: 1_500 }), fc.constantFrom('cell', 'name', 'line', 'heading'))
  .map(([unit, count, where]) => {
    const run = unit.repeat(count);
    if (where === 'line') return run;
    if (where === 'heading') return `# a${run}b`;
    const row = where === 'cell' ? `| Task | ${run} | A |` : `| ${run} | RA | C |`;
    return `| Activity | Client | Provider |\n|---|---|---|\n${row}\n| Task 2 | R | A |`;
  });

const block = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...fragments) },
  { weight: 4, arbitrary: table },
  { weight: 2, arbitrary: layoutTable },
  { weight: 1, arbitrary: legend },
  { weight: 1, arbitrary: control },
  { weight: 2, arbitrary: inline },
  { weight: 1, arbitrary: longRun },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('```', '~~~', '````md', '<!--', '<div>', '> '), table, fc.boolean())
      .map(([open, t, closed]) =>
        open === '> '
          ? t.replace(/^/gm, '> ')
          : `${open}\n${t}${closed ? `\n${open === '<!--' ? '-->' : open === '<div>' ? '</div>' : open.replace(/md$/, '')}` : ''}`,
      ),
  },
);

/**
 * Prose that tempts a scan for tables: pipes and delimiter-like lines that are not a
 * table (in code spans, fenced and indented code, HTML blocks and comments, front
 * matter, setext underlines, thematic breaks), and the tables that hide in unusual
 * places (no pipe at all, in lists and quotes, after a lazy line, indented by a tab).
 */
const tempting: string[] = [
  'Prose with `a | b` and `| x |` code spans, and a pipe | in a sentence.',
  'A sentence with a pipe | here\n---',
  'Setext with a pipe | in it\n===',
  'Name | Value\n--- | ---',
  'a\n:-',
  'a\n-:',
  'a | b\n:-: | -',
  'a\n|-',
  '| a\n|--',
  'x | y\n--|--\n1 | 2',
  'Just a line\n--- | ---',
  '---|---',
  '- - -',
  '***',
  '-:|:-',
  '```\n| Activity | A |\n|---|---|\n| x | Q |\n```',
  '~~~\na | b\n--|--\n~~~',
  '    a | b\n    --|--\n    c | d',
  '<div>\n| Activity | A |\n|---|---|\n| x | Q |\n</div>',
  '<!--\n| Activity | A |\n|---|---|\n-->',
  '<!-- a | b -->\n--|--',
  '> quoted | text\n> --|--\n> c | d',
  '> | Activity | A |\nlazy | line\n> |---|---|',
  '> Activity | A\n--|--',
  '> a paragraph\nlazy continuation | with pipe\n--|--',
  '- item | pipe\n  --|--\n  c | d',
  '- item\n- --|--',
  '1. | Task | Client |\n   |---|---|\n   | Do | R |',
  '* Activity | Client\n\n  --|--',
  '\t| Activity | A |\n\t|---|---|',
  'Para\n\n| Activity | Client |\n|:--|--:|\n| Ship | R |',
  'Long prose. '.repeat(40),
  '## Heading with | pipe',
  'Heading\n-------',
  '[link](https://example.com/a|b) and <https://x.y/|>',
  '---\ntitle: a | b\nraci:\n  scheme: RASCI\n---',
  '---\n| a | b |\n|---|---|\n---',
  '1. Step\n\n   ```sh\n   a | b\n   --|--\n   ```\n\n2. Next',
  '- ```\n  | Activity | A |\n  |---|---|\n  ```',
  '10. Step\n\n    ```\n    | Activity | A |\n    |---|---|\n    ```',
  'Para\n2. ```\n   x\n   ```\n| Activity | Client |\n|---|---|\n| Run | R |',
  '-```\n x\n ```',
  '   ```\n   | a |\n   |---|\n   ```',
  '1.      ```\n        code\n        ```',
  '- x\n\n  ```\n  unclosed\n\n| Activity | A |\n|---|---|\n| x | R |',
  '* a\n\n  ~~~\n  b\n ~~~\n  ~~~',
  '1. a\n\n   ```js\n   x\n\n   ````\n   ```',
  '- x\n\n  ```\n  a\nb\n\n  ```\n\n| Activity | A |\n|---|---|\n| x | R |',
];

/**
 * A document mostly of tempting prose (see `tempting`), with the odd real table, legend or
 * control comment; many of them hold no table at all.
 */
export const proseDocument = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...tempting) },
        { weight: 2, arbitrary: fc.constantFrom(...fragments.filter((f) => !f.includes('|'))) },
        { weight: 1, arbitrary: table },
        { weight: 1, arbitrary: control },
        { weight: 2, arbitrary: inline },
      ),
      { minLength: 1, maxLength: 14 },
    ),
    fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 14, maxLength: 14 }),
    fc.option(frontMatter, { freq: 4 }),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([parts, gaps, front, eol, bom]) => {
    const text = (front ? front + '\n' : '') + parts.map((part, i) => part + gaps[i]).join('');
    return (bom ? '\uFEFF' : '') + (eol === '\n' ? text : text.replace(/\r\n|\r|\n/g, eol));
  });

/** Where to put a random atom inside the assembled document (a fraction of its length). */
const sprinkle = fc.array(fc.tuple(fraction, atom), { maxLength: 4 });

/**
 * A random document: Markdown blocks (fragments, random tables and legends, control
 * comments, code fences, quotes, HTML), optional front matter, random atoms sprinkled
 * anywhere, with LF, CRLF, CR or mixed line endings and an optional BOM.
 */
export const markdownDocument = fc
  .tuple(
    fc.array(block, { minLength: 1, maxLength: 12 }),
    fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 12, maxLength: 12 }),
    fc.option(frontMatter, { freq: 6 }),
    sprinkle,
    fc.constantFrom('\n', '\n', '\r\n', '\r', 'mixed'),
    fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 7, maxLength: 7 }),
    fc.boolean(),
    // A third of the documents have no blank line between their blocks (generated pages often have none).
    fc.nat(2),
  )
  .map(([parts, gaps, front, sprinkled, eol, mixed, bom, spacing]) => {
    const head = front ? front + '\n' : '';
    let text = head + parts.map((part, i) => part + (spacing === 0 ? '\n' : gaps[i])).join('');
    for (const [at, piece] of sprinkled) {
      const offset = head.length + Math.floor(at * (text.length - head.length));
      text = text.slice(0, offset) + piece + text.slice(offset);
    }
    let n = 0;
    if (eol === 'mixed') text = text.replace(/\r\n|\r|\n/g, () => mixed[n++ % mixed.length]);
    else if (eol !== '\n') text = text.replace(/\r\n|\r|\n/g, eol);
    return (bom ? '\uFEFF' : '') + text;
  });

/** An edit: replace [start, end) by text, positions as fractions of the document length. */
export const edit = fc.record({
  from: fraction,
  length: fc.nat({ max: 12 }),
  text: fc.oneof(
    fc.constantFrom(
      '',
      'A',
      'R',
      ' ',
      '|',
      '\n',
      '\n\n',
      '\r\n',
      '\r',
      '```',
      '<!--',
      '-->',
      '| x | RA | C |\n',
      'é',
      '\u0410',
      '---\n',
      '> ',
      '\t',
      '\0',
      '\uD800',
      '😀',
      '\\|',
      '`',
    ),
    atom,
  ),
});

export function applyRandomEdit(text: string, e: { from: number; length: number; text: string }): string {
  const start = Math.floor(e.from * text.length);
  const end = Math.min(text.length, start + e.length);
  return text.slice(0, start) + e.text + text.slice(end);
}
