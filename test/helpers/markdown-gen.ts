import fc from 'fast-check';

/** Fragments of real-looking Markdown, chosen to stress where a chunked parse could go wrong. */
const fragments: string[] = [
  '# Heading',
  '## Définir votre besoin',
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
  ...Array.from({ length: 90 }, (_, i) =>
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
fragments.push(largeTable, largeTable.replace(/\| Task 7 \| RA \| C \|\n/, '| Task 7 | RA | C |\n\n'));

export const markdownDocument = fc
  .tuple(
    fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 14 }),
    fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 14, maxLength: 14 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([parts, gaps, eol, bom]) => {
    let text = parts.map((part, i) => part + gaps[i]).join('');
    if (eol !== '\n') text = text.replace(/\n/g, eol);
    return (bom ? '\uFEFF' : '') + text;
  });

/** An edit: replace [start, end) by text, positions as fractions of the document length. */
export const edit = fc.record({
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 12 }),
  text: fc.constantFrom('', 'A', 'R', ' ', '|', '\n', '\n\n', '```', '<!--', '-->', '| x | RA | C |\n', 'é', '\u0410', '---\n', '> '),
});

export function applyRandomEdit(text: string, e: { from: number; length: number; text: string }): string {
  const start = Math.floor(e.from * text.length);
  const end = Math.min(text.length, start + e.length);
  return text.slice(0, start) + e.text + text.slice(end);
}
