/**
 * Exact positions through the protocol: accented text (the French seed), emoji and CJK
 * under UTF-16 (LSP's default) and under UTF-8 when the client offers it, and CRLF
 * documents (ranges, fix edits, and line endings kept by fixes and formatting).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, fixture, start, summary } from './client';

/** The UTF-16 position of `needle` (its `occurrence`-th) in `text`, lines split on CRLF/CR/LF. */
function utf16(text: string, needle: string, occurrence = 1): Position {
  const lines = text.split(/\r\n|\r|\n/);
  let seen = 0;
  for (const [line, content] of lines.entries()) {
    let from = 0;
    for (;;) {
      const at = content.indexOf(needle, from);
      if (at < 0) break;
      if (++seen === occurrence) return { line, character: at };
      from = at + 1;
    }
  }
  throw new Error(`"${needle}" not found`);
}

/** The same position counted in UTF-8 bytes. */
function utf8(text: string, p: Position): Position {
  const line = text.split(/\r\n|\r|\n/)[p.line];
  return { line: p.line, character: Buffer.byteLength(line.slice(0, p.character)) };
}

/** Applies edits whose characters count UTF-8 bytes. */
function applyUtf8Edits(text: string, edits: TextEdit[]): string {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const offset = (p: Position) => {
    const before = lines.slice(0, p.line).join('').length;
    const bytes = Buffer.from(lines[p.line] ?? '');
    return before + bytes.subarray(0, p.character).toString().length;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const WIDE = [
  '| Activité 🚀 | Équipe 中文 | Rôle 👩‍👩‍👧 |',
  '|---|---|---|',
  '| Déployer 😀 le 服务 | RA | X |',
  '| Gérer les clés 🔑 d’accès | r | A |',
  '',
].join('\n');

describe('positions', () => {
  it('are exact in the French seed under UTF-16', async () => {
    const session = await start();
    try {
      // Two mistakes on lines full of accents: a lower-case code and an unknown one.
      const text = fixture('seed-llmaas.fr.md')
        .replace("d'accès API      | __R__      |", "d'accès API      | __r__      |")
        .replace(
          '| Souscrire au service et sélectionner un tier de facturation           | __RA__      | __I__ ',
          '| Souscrire au service et sélectionner un tier de facturation           | __RA__      | __Q__ ',
        );
      assert.notEqual(text, fixture('seed-llmaas.fr.md'));
      const uri = 'file:///virtual/seed-positions.fr.md';
      await session.open(uri, text);
      const diagnostics = await session.diagnostics(uri, 1);
      const invalid = utf16(text, '__Q__');
      const expected = {
        start: { line: invalid.line, character: invalid.character + 2 },
        end: { line: invalid.line, character: invalid.character + 3 },
      };
      assert.deepEqual(diagnostics.find((d) => d.code === 'invalid-role')?.range, expected, summary(diagnostics).join('\n'));
      const hover = await session.hover(uri, expected.start);
      assert.ok(hover);
    } finally {
      await session.shutdown();
    }
  });

  for (const encoding of ['utf-16', 'utf-8'] as const) {
    it(`are exact around emoji and CJK in ${encoding}, for diagnostics, hovers and fix edits`, async () => {
      const session = await start({ positionEncodings: [encoding] });
      try {
        assert.equal(session.initializeResult.capabilities.positionEncoding, encoding);
        const at = (p: Position) => (encoding === 'utf-8' ? utf8(WIDE, p) : p);
        const uri = `file:///virtual/wide-${encoding}.md`;
        await session.open(uri, WIDE);
        const diagnostics = await session.diagnostics(uri, 1);
        const x = at(utf16(WIDE, 'X'));
        const r = at(utf16(WIDE, '| r |'));
        const lower = { line: r.line, character: r.character + 2 };
        assert.deepEqual(
          summary(diagnostics).filter((s) => !s.startsWith('unused-party')),
          [`invalid-role 2:${x.character}-2:${x.character + 1}`, `lowercase-role 3:${lower.character}-3:${lower.character + 1}`].sort(),
        );
        const hover = await session.hover(uri, lower);
        assert.deepEqual(hover?.range, { start: lower, end: { line: 3, character: lower.character + 1 } });
        // The upper-case fix rewrites exactly that letter, keeping the emoji and CJK around it.
        const actions = await session.codeActions(
          uri,
          { start: lower, end: lower },
          diagnostics.filter((d) => d.code === 'lowercase-role'),
        );
        const edits = actions.find((a) => a.isPreferred)?.edit?.changes?.[uri];
        assert.ok(edits && edits.length > 0, 'no preferred fix');
        const fixed = encoding === 'utf-8' ? applyUtf8Edits(WIDE, edits) : applyTextEdits(WIDE, edits);
        assert.equal(fixed, WIDE.replace('| r |', '| R |'));
        // And the fix of the invalid code after an emoji.
        const xActions = await session.codeActions(
          uri,
          { start: x, end: x },
          diagnostics.filter((d) => d.code === 'invalid-role'),
        );
        const replacements = xActions.filter((a) => a.title.startsWith('Replace'));
        assert.ok(replacements.length > 0, xActions.map((a) => a.title).join('; '));
        for (const action of replacements) {
          const xEdits = action.edit?.changes?.[uri] ?? [];
          const xFixed = encoding === 'utf-8' ? applyUtf8Edits(WIDE, xEdits) : applyTextEdits(WIDE, xEdits);
          assert.match(xFixed.split('\n')[2], /^\| Déployer 😀 le 服务 \| RA \| [A-Z, ]+ \|$/, action.title);
          assert.equal(
            xFixed
              .split('\n')
              .filter((_, i) => i !== 2)
              .join('\n'),
            WIDE.split('\n')
              .filter((_, i) => i !== 2)
              .join('\n'),
          );
        }
      } finally {
        await session.shutdown();
      }
    });
  }

  it('are exact in a CRLF document, and fixes and formatting keep CRLF', async () => {
    const session = await start();
    try {
      const lf = fixture('lsp/faulty.md').replace(/\r\n/g, '\n');
      const crlf = lf.replace(/\n/g, '\r\n');
      await session.open('file:///virtual/lf.md', lf);
      await session.open('file:///virtual/crlf.md', crlf);
      const lfDiagnostics = await session.diagnostics('file:///virtual/lf.md', 1);
      const crlfDiagnostics = await session.diagnostics('file:///virtual/crlf.md', 1);
      assert.ok(crlfDiagnostics.length > 0);
      assert.deepEqual(summary(crlfDiagnostics), summary(lfDiagnostics));
      const keepsCrlf = (text: string, what: string) =>
        assert.doesNotMatch(text, /(?<!\r)\n|\r(?!\n)/, `${what} broke the CRLF line endings`);
      let fixes = 0;
      for (const diagnostic of crlfDiagnostics) {
        const crlfActions = await session.codeActions('file:///virtual/crlf.md', diagnostic.range, [diagnostic]);
        const lfActions = await session.codeActions('file:///virtual/lf.md', diagnostic.range, [
          lfDiagnostics.find((d) => summary([d])[0] === summary([diagnostic])[0])!,
        ]);
        assert.deepEqual(
          crlfActions.map((a) => a.title),
          lfActions.map((a) => a.title),
        );
        for (const [i, action] of crlfActions.entries()) {
          const edits = action.edit?.changes?.['file:///virtual/crlf.md'] ?? [];
          const fixed = applyTextEdits(crlf, edits);
          keepsCrlf(fixed, action.title);
          assert.equal(
            fixed,
            applyTextEdits(lf, lfActions[i].edit?.changes?.['file:///virtual/lf.md'] ?? []).replace(/\n/g, '\r\n'),
            action.title,
          );
          fixes++;
        }
      }
      assert.ok(fixes > 3, `only ${fixes} fixes`);
      const fixAll = await session.codeActions(
        'file:///virtual/crlf.md',
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        [],
        ['source.fixAll.raci'],
      );
      for (const action of fixAll) keepsCrlf(applyTextEdits(crlf, action.edit?.changes?.['file:///virtual/crlf.md'] ?? []), 'fix-all');
      const formatted = applyTextEdits(crlf, await session.format('file:///virtual/crlf.md'));
      keepsCrlf(formatted, 'formatting');
      assert.equal(formatted, applyTextEdits(lf, await session.format('file:///virtual/lf.md')).replace(/\n/g, '\r\n'));
    } finally {
      await session.shutdown();
    }
  });
});
