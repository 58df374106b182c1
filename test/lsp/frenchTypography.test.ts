/**
 * French typography in what a French user reads: a narrow no-break space (U+202F) before
 * `:` `;` `!` `?` and inside « », in the message bundle and in the manifest's texts.
 * Code spans, URLs and placeholders are not prose and are left alone.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './client';

const NNBSP = '\u202f';

/** The prose of a text: code spans, URLs, `{0}`-style placeholders and `${…}` variables blanked out. */
function prose(text: string): string {
  return text.replace(/`[^`]*`|https?:\/\/\S+|\$\{[^}]*\}|\$\([^)]*\)/g, (m) => 'x'.repeat(m.length));
}

/** Where a French text breaks the rules, as short excerpts. */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  const t = prose(text);
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const excerpt = () => JSON.stringify(text.slice(Math.max(0, i - 12), i + 4));
    if (':;!?'.includes(ch)) {
      // A colon between digits or letters (10:30, vscode:extension) is not punctuation.
      if (ch === ':' && /[\w/]/.test(t[i - 1] ?? '') && /[\w/]/.test(t[i + 1] ?? '')) continue;
      if (t[i - 1] !== NNBSP) faults.push(`${ch} ${excerpt()}`);
    } else if (ch === '«' && t[i + 1] !== NNBSP) faults.push(`« ${excerpt()}`);
    else if (ch === '»' && t[i - 1] !== NNBSP) faults.push(`» ${excerpt()}`);
  }
  return faults;
}

describe('French typography', () => {
  for (const file of ['l10n/bundle.l10n.fr.json', 'package.nls.fr.json']) {
    it(`${file}: a narrow no-break space before : ; ! ? and inside « »`, () => {
      const texts = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
      const faults = Object.entries(texts).flatMap(([key, value]) => typographyFaults(value).map((fault) => `${key}: ${fault}`));
      assert.deepEqual(faults, []);
    });
  }

  it('tells a fault from correct text', () => {
    assert.deepEqual(typographyFaults(`Matrices${NNBSP}: 3`), []);
    assert.equal(typographyFaults('Matrices : 3').length, 1);
    assert.equal(typographyFaults('« X »').length, 2);
    assert.deepEqual(typographyFaults('voir `raci.enable: false` et https://example.com/a?b'), []);
  });
});
