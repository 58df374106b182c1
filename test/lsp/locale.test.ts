import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CodeActionKind, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fixture, positionOf, ROOT, start, summary } from './client';

describe('locale', () => {
  it('speaks French when the client locale is fr', async () => {
    const session = await start({ locale: 'fr-FR' });
    try {
      const uri = 'file:///virtual/faulty.md';
      await session.open(uri, fixture('lsp/faulty.md'));
      const diagnostics = await session.diagnostics(uri, 1);
      const invalid = diagnostics.find((d) => d.code === 'invalid-role')!;
      assert.equal(
        invalid.message,
        "«\u202fX\u202f» n'est pas un code de rôle (activité «\u202fSurveiller\u202f», Sécurité)\u202f; codes valides\u202f: R, A, C, I.",
      );
      const missing = diagnostics.find((d) => d.code === 'missing-accountable')!;
      assert.match(String(missing.message), /^L'activité «\u202fDéfinir le besoin\u202f» n'a pas d'approbateur \(A\)/);

      const actions = await session.codeActions(uri, invalid.range, [invalid], [CodeActionKind.QuickFix]);
      assert.ok(
        actions.some((a) => a.title === 'Remplacer «\u202fX\u202f» par «\u202fC\u202f»'),
        actions.map((a) => a.title).join('\n'),
      );
      assert.ok(actions.some((a) => a.title === 'Désactiver invalid-role pour cette ligne'));

      // Without a legend, code names come from the scheme in the reader's language.
      const hover = await session.hover(uri, positionOf(session.text(uri), 2, 'Ops'));
      const value = (hover!.contents as MarkupContent).value;
      assert.match(value, /4 activités dans cette matrice/);
      assert.match(value, /\| R \| Réalise \| 1 \|/);
    } finally {
      await session.shutdown();
    }
  });

  it('has a French entry for every message the server can send', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    const keys = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          const source = fs.readFileSync(file, 'utf8');
          for (const match of source.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*)\1/g)) {
            keys.add(JSON.parse(`"${match[2].replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`));
          }
        }
      }
    };
    walk(path.join(ROOT, 'server/src'));
    walk(path.join(ROOT, 'client/src')); // vscode.l10n.t reads the same bundles (all languages: l10n.test.ts)
    assert.ok(keys.size >= 30, `only ${keys.size} messages found`);
    assert.deepEqual(
      [...keys].filter((key) => !(key in bundle)),
      [],
      'messages without a French translation',
    );
    assert.deepEqual(
      Object.keys(bundle).filter((key) => !keys.has(key)),
      [],
      'translations of messages that no longer exist',
    );
    for (const [key, value] of Object.entries(bundle)) {
      const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
      assert.deepEqual(placeholders(value), placeholders(key), `placeholders differ in "${key}"`);
    }
  });
});

describe('position encoding', () => {
  // Accented letters are one UTF-16 unit but two UTF-8 bytes.
  const text = ['| Activité | Équipe Sécurité | Réseau |', '|---|---|---|', "| Évaluer l'écart de sécurité | A | r |", ''].join('\n');
  const line = text.split('\n')[2];
  const utf16 = line.indexOf('| r |') + 2;
  const utf8 = Buffer.byteLength(line.slice(0, utf16));

  it('stays in UTF-16 unless the client offers UTF-8', async () => {
    const session = await start({ positionEncodings: ['utf-16'] });
    try {
      assert.equal(session.initializeResult.capabilities.positionEncoding, 'utf-16');
      await session.open('file:///virtual/utf16.md', text);
      const diagnostics = await session.diagnostics('file:///virtual/utf16.md', 1);
      assert.ok(summary(diagnostics).includes(`lowercase-role 2:${utf16}-2:${utf16 + 1}`), summary(diagnostics).join('\n'));
    } finally {
      await session.shutdown();
    }
  });

  it('counts in UTF-8 bytes when the client prefers it, in both directions', async () => {
    assert.notEqual(utf8, utf16);
    const session = await start({ positionEncodings: ['utf-8', 'utf-16'] });
    try {
      assert.equal(session.initializeResult.capabilities.positionEncoding, 'utf-8');
      const uri = 'file:///virtual/utf8.md';
      await session.open(uri, text);
      const diagnostics = await session.diagnostics(uri, 1);
      const lower = diagnostics.find((d) => d.code === 'lowercase-role')!;
      assert.deepEqual(lower.range, { start: { line: 2, character: utf8 }, end: { line: 2, character: utf8 + 1 } });

      const hover = await session.hover(uri, { line: 2, character: utf8 });
      assert.ok(hover, 'no hover at the UTF-8 position of "r"');
      assert.deepEqual(hover.range, lower.range);

      // An incremental change whose range is in UTF-8 bytes: "r" becomes "R".
      const version = await session.change(uri, [{ range: lower.range, text: 'R' }]);
      const after = await session.diagnostics(uri, version);
      assert.deepEqual(summary(after), []);
      // The server kept the accented text intact around the edit.
      const symbols = await session.symbols(uri);
      assert.equal(symbols[0].children?.[0]?.name, "Évaluer l'écart de sécurité");
    } finally {
      await session.shutdown();
    }
  });
});
