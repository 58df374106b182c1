/**
 * Prose that cannot hold a table is scanned, not parsed: a documentation repository is
 * mostly prose, and parsing it with remark was most of the time a whole-repository lint
 * took. The parses are counted through the analysis' parser seam (no timing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import fc from 'fast-check';
import { parseChunk } from '../../server/src/engine/parse/markdown';
import { isFencedCode, readFrontMatter, readHeadingChunk } from '../../server/src/engine/parse/prose';
import { settings } from '../helpers/engine';

/** The real parser, counting its calls and the characters it was given. */
function countingParser() {
  const calls: number[] = [];
  const parse = (source: string, first: boolean) => {
    calls.push(source.length);
    return parseChunk(source, first);
  };
  return { calls, parse };
}

/** About 300 KB of documentation prose: headings, paragraphs with pipes, lists, links, code with pipes. */
function prose(sections: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i++) {
    parts.push(
      `## Section ${i}`,
      `Some prose about the service, with a pipe | in it, a \`a | b\` code span and a [link](https://example.com/${i}). `.repeat(6),
      '- a list item\n- another, with `x | y`\n  continued',
      '```sh\ncat file | grep x | sort\n```',
      'Setext heading\n--------------',
      '---',
    );
  }
  return parts.join('\n\n') + '\n';
}

const MATRIX = '| Activity | Client | Provider |\n|---|---|---|\n| Run the service | R | C |\n';

test('a document with no table is not parsed, and reports what parsing it reports', () => {
  const text = prose(400);
  assert.ok(text.length > 250_000);
  const { calls, parse } = countingParser();
  const model = analyze(text, settings(), { parse });
  assert.deepEqual(calls, []);
  const whole = analyze(text, settings(), { wholeDocument: true });
  assert.deepEqual([model.findings, model.matrices.length, model.problems], [whole.findings, whole.matrices.length, whole.problems]);
});

test("a document with no table and front matter is not parsed, and its configuration's problems are reported", () => {
  const front = '---\ntitle: a | b\nraci:\n  scheme: NOPE\n---\n';
  const text = front + prose(100);
  const { calls, parse } = countingParser();
  const model = analyze(text, settings(), { parse });
  assert.deepEqual(calls, []);
  assert.equal(model.problems.length, 1);
  assert.deepEqual(model.problems, analyze(text, settings(), { wholeDocument: true }).problems);
});

test('a matrix after long prose costs a parse of its own lines and of the prose chunk that holds its heading', () => {
  const text = prose(200) + '# Responsibilities\n\nWho does what.\n\n' + MATRIX;
  const { calls, parse } = countingParser();
  const model = analyze(text, settings(), { parse });
  assert.ok(calls.length <= 3, `${calls.length} parses`);
  // The seam does see the parses there are: a table in a list item is parsed.
  const seam = countingParser();
  analyze(`${prose(5)}- item\n\n  ${MATRIX.replace(/\n(?=.)/g, '\n  ')}`, settings(), { parse: seam.parse });
  assert.ok(seam.calls.length >= 1);
  assert.equal(model.matrices.length, 1);
  assert.equal(model.matrices[0].heading?.text, 'Responsibilities');
  const whole = analyze(text, settings(), { wholeDocument: true });
  assert.deepEqual(model.findings, whole.findings);
  assert.deepEqual(model.matrices[0].heading, whole.matrices[0].heading);
});

test('a matrix under a setext heading, or under a heading that opens the document, costs no remark parse', () => {
  for (const text of [
    `# Responsibilities\n\n${MATRIX}`,
    `Who does what\n-------------\n\nThe service desk runs it.\n\n${MATRIX}`,
    `---\ntitle: a | b\n---\n\nRoles\n=====\n\n${MATRIX}`,
  ]) {
    const { calls, parse } = countingParser();
    const model = analyze(text, settings(), { parse });
    assert.deepEqual(calls, [], text);
    const whole = analyze(text, settings(), { wholeDocument: true });
    assert.deepEqual(model.matrices[0].heading, whole.matrices[0].heading);
    assert.deepEqual(model.findings, whole.findings);
  }
});

test('code blocks that quote a table or hold shell pipes cost no remark parse', () => {
  const text = [
    '# Responsibilities',
    'The matrix below follows the template:',
    '```text\n| field | type | note |\n| --- | --- | --- |\n| owner | string | the A of the row |\n```',
    '~~~~ markdown\n| Activity | Client |\n|---|---|\n| Run | R |\n~~~\n~~~~\n',
    '```sh\n# logs of raci-agent\njournalctl -u raci-agent | grep -E "ERROR|WARN" | sort\n```',
    MATRIX,
  ].join('\n\n');
  const { calls, parse } = countingParser();
  const model = analyze(text, settings(), { parse });
  assert.deepEqual(calls, []);
  const whole = analyze(text, settings(), { wholeDocument: true });
  assert.equal(model.matrices.length, 1);
  assert.deepEqual(model.matrices[0].heading, whole.matrices[0].heading);
  assert.deepEqual(model.findings, whole.findings);
});

test('a chunk read as one fenced code block is one for remark: no table, heading or comment in it', () => {
  const fence = fc.constantFrom('```', '````', '~~~', '~~~~', '```sh', '~~~ `x`', '```a`b', '``');
  const line = fc.constantFrom(
    '| a | b |',
    '| --- | --- |',
    '# heading',
    '<!-- raci-disable -->',
    '```',
    '````',
    '~~~',
    '   ```',
    '    ```',
    '\t```',
    ' ``` x',
    '```sh',
    '~~~~~',
    '',
    '  ',
    'text',
    '---',
    '> | a | b |',
  );
  fc.assert(
    fc.property(fence, fc.array(line, { maxLength: 8 }), fc.constantFrom('', '\n', '\n\n', '\r\n'), (open, lines, tail) => {
      const text = [open, ...lines].join('\n') + tail;
      if (!isFencedCode(text)) return;
      const parsed = parseChunk(text, false);
      assert.equal(parsed.tables.length + parsed.headings.length + parsed.comments.length, 0, JSON.stringify(text));
    }),
    { seed: 1919, numRuns: 6000 },
  );
  assert.equal(isFencedCode('```text\n| a | b |\n| - | - |\n```\n\n'), true);
  assert.equal(isFencedCode('```\ncode\n```\n| a | b |\n| - | - |\n'), false);
});

test('front matter read without remark is what remark-frontmatter reads', () => {
  const line = fc.constantFrom(
    'title: a | b',
    'raci:',
    '  scheme: RASCI',
    '',
    '  ',
    '---',
    '--- ',
    '----',
    ' ---',
    '...',
    'a\0b',
    '\t- x',
    '---x',
    '# not a heading',
  );
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.constantFrom('---', '--- ', '---\t', '----', ' ---'),
      fc.array(fc.tuple(line, eol), { maxLength: 8 }),
      fc.constantFrom('', '\nafter', '\n\n| a |\n|---|'),
      (bom, open, lines, tail) => {
        const text = `${bom ? '\uFEFF' : ''}${open}\n${lines.map(([l, e]) => l + e).join('')}${tail}`;
        assert.deepEqual(readFrontMatter(text), parseChunk(text, true).frontMatter, JSON.stringify(text));
      },
    ),
    { seed: 2811, numRuns: 2000 },
  );
});

test('a heading chunk read without remark is what remark reads', () => {
  const part = fc.constantFrom('#', '##', '######', '#######', ' ', '\t', 'Title', '*em*', '`c`', '\\#', '#', 'é', '😀', '\0', 'x', '');
  // Setext underlines and what may look like one: a list item, a thematic break, a table's delimiter row.
  const underline = fc.constantFrom(
    '',
    '\n---',
    '\n===',
    '\n-',
    '\n=  ',
    '\n--- -',
    '\n- x',
    '\n * * *',
    '\n|---|',
    '\r\n----\t',
    '\n ---',
    '\n==x',
  );
  fc.assert(
    fc.property(
      fc.array(part, { maxLength: 6 }),
      underline,
      fc.constantFrom('', '\n', '\n\n', '\r\n', '\n  \n', '\nx'),
      fc.nat({ max: 100 }),
      fc.boolean(),
      (parts, under, tail, at, first) => {
        const text = parts.join('') + under + tail;
        const fast = readHeadingChunk(text, at);
        if (!fast) return;
        const slow = parseChunk(text, first);
        assert.deepEqual(
          fast,
          slow.headings.map((h) => ({ ...h, start: h.start + at, end: h.end + at })),
          JSON.stringify(text),
        );
        assert.equal(slow.tables.length + slow.comments.length, 0);
      },
    ),
    { seed: 1515, numRuns: 6000 },
  );
  assert.deepEqual(readHeadingChunk('## Responsibilities\n\n', 10), [{ start: 10, end: 29, depth: 2, text: 'Responsibilities' }]);
  assert.deepEqual(readHeadingChunk('Who does what\n---\n\n', 10), [{ start: 10, end: 27, depth: 2, text: 'Who does what' }]);
  assert.deepEqual(readHeadingChunk('Roles\r\n===\t\r\n', 0), [{ start: 0, end: 11, depth: 1, text: 'Roles' }]);
  assert.equal(readHeadingChunk('Roles\n- x\n', 0), undefined);
  assert.equal(readHeadingChunk('Roles\n', 0), undefined);
});
