/**
 * The quick fix an editor pre-selects (isPreferred) never brings a new error, in English
 * and in French: on `| Patch the hosts | **A** | **RX** |` it removes the X, and no fix
 * makes a second A. Completion puts that second A last.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, start } from './client';

const TEXT = ['| Activity | Customer | Provider |', '|---|---|---|', '| Patch the hosts | **A** | **RX** |', '| Run | R | A |', ''].join(
  '\n',
);

for (const locale of ['en', 'fr-FR']) {
  describe(`fix ranking (${locale})`, () => {
    it('prefers removing the invalid code, and offers no fix that makes a second A', async () => {
      const session = await start({ locale });
      try {
        const uri = `file:///virtual/hosts-${locale}.md`;
        await session.open(uri, TEXT);
        const diagnostics = await session.diagnostics(uri, 1);
        const invalid = diagnostics.filter((d) => d.code === 'invalid-role');
        assert.equal(invalid.length, 1);
        const actions = await session.codeActions(uri, invalid[0].range, invalid, [CodeActionKind.QuickFix]);
        const preferred = actions.filter((a) => a.isPreferred);
        assert.equal(preferred.length, 1, actions.map((a) => a.title).join('; '));
        assert.match(preferred[0].title, locale === 'en' ? /^Remove "X"$/ : /^Supprimer «\u202fX\u202f»$/);
        const fixed = applyTextEdits(TEXT, preferred[0].edit!.changes![uri]);
        assert.equal(fixed.split('\n')[2], '| Patch the hosts | **A** | **R**  |');
        for (const action of actions.filter((a) => a.edit && !a.title.includes('raci-disable'))) {
          const after = applyTextEdits(TEXT, action.edit!.changes![uri]);
          const version = await session.change(uri, after);
          const codes = (await session.diagnostics(uri, version)).map((d) => d.code);
          assert.ok(!codes.includes('multiple-accountable') && !codes.includes('duplicate-role'), `${action.title}: ${codes.join(', ')}`);
          await session.change(uri, TEXT);
        }
        const items = await session.completion(uri, { line: 2, character: TEXT.split('\n')[2].indexOf('RX') + 1 });
        const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
        assert.equal(sorted.at(-1)?.label, 'A', sorted.map((i) => i.label).join(' '));
        assert.match(sorted.at(-1)?.detail ?? '', /multiple-accountable/);
      } finally {
        await session.shutdown();
      }
    });
  });
}
