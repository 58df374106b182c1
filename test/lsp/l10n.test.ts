/**
 * Every language is complete: each l10n bundle translates every message the server,
 * the engine and the client pass to `l10n.t` / `vscode.l10n.t`, with the same
 * placeholders, and each package.nls.<lang>.json has every key of package.nls.json.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { BUNDLES, bundleFor } from '../../server/src/lsp/l10nBundles';
import { ROOT } from './client';

const LANGUAGES = ['de', 'es', 'fr', 'it'];
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The first argument of every `l10n.t(` call, multi-line calls included, as the runtime string. */
function messageKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    const source = fs.readFileSync(file, 'utf8');
    const calls = source.match(/\bl10n\.t\(/g)?.length ?? 0;
    const literals = [...source.matchAll(/\bl10n\.t\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g)];
    // A key that is not a literal cannot be checked, nor extracted by translators' tools.
    assert.equal(literals.length, calls, `${path.relative(ROOT, file)}: an l10n.t call whose first argument is not a string literal`);
    for (const [, quote, body] of literals) {
      const json = quote === '"' ? body : body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"');
      keys.add(JSON.parse(`"${json}"`) as string);
    }
  }
  return keys;
}

/** Words that are spelt the same in English and in the language. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ['Total'],
  es: ['Matrices: {0}', 'Roles', 'Total', 'RACI: {0} matrices', '1 error'],
};

const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();
const codeSpans = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();

describe('translations', () => {
  const keys = messageKeys();

  it('finds the messages', () => {
    assert.ok(keys.size >= 40, `only ${keys.size} messages found`);
    assert.ok(keys.has('Activity "{0}" has no Accountable ({1}): exactly one party must approve it.'));
    assert.ok(
      keys.has('This row has {0} cells but the header has {1}: GitHub drops the extra cells when rendering ({2}).'),
      'multi-line call',
    );
  });

  for (const language of LANGUAGES) {
    it(`l10n/bundle.l10n.${language}.json translates every message, with the same placeholders`, () => {
      const bundle = read(`l10n/bundle.l10n.${language}.json`);
      assert.deepEqual(
        [...keys].filter((key) => !(key in bundle)),
        [],
        'messages without a translation',
      );
      assert.deepEqual(
        Object.keys(bundle).filter((key) => !keys.has(key)),
        [],
        'translations of messages that no longer exist',
      );
      for (const [key, value] of Object.entries(bundle)) {
        assert.ok(value.trim() !== '', `empty translation of "${key}"`);
        assert.deepEqual(placeholders(value), placeholders(key), `placeholders differ in "${key}"`);
        assert.deepEqual(codeSpans(value), codeSpans(key), `code spans differ in "${key}"`);
      }
      const untranslated = Object.entries(bundle).filter(
        ([key, value]) => key === value && /[a-z]{3}/i.test(key.replace(/\{\d+\}/g, '')) && !SAME_AS_ENGLISH[language]?.includes(key),
      );
      assert.deepEqual(
        untranslated.map(([key]) => key),
        [],
        'left in English',
      );
    });

    it(`package.nls.${language}.json has every key of package.nls.json`, () => {
      const english = read('package.nls.json');
      const texts = read(`package.nls.${language}.json`);
      assert.deepEqual(
        Object.keys(english).filter((key) => !(key in texts)),
        [],
        'missing',
      );
      assert.deepEqual(
        Object.keys(texts).filter((key) => !(key in english)),
        [],
        'not in package.nls.json',
      );
      for (const [key, value] of Object.entries(texts)) {
        assert.ok(value.trim() !== '' && value !== english[key], `"${key}" is empty or left in English`);
        assert.deepEqual(codeSpans(value), codeSpans(english[key]), `code spans (setting names, values) differ in "${key}"`);
      }
    });
  }

  it('has a bundle in l10n/ for each language, and each is inlined in the server', () => {
    const files = fs.readdirSync(path.join(ROOT, 'l10n')).filter((name) => /^bundle\.l10n\.[a-z-]+\.json$/.test(name));
    assert.deepEqual(files.map((name) => name.split('.')[2]).sort(), LANGUAGES);
    assert.deepEqual(Object.keys(BUNDLES).sort(), LANGUAGES);
    const nls = fs.readdirSync(ROOT).filter((name) => /^package\.nls\.[a-z-]+\.json$/.test(name));
    assert.deepEqual(nls.map((name) => name.split('.')[2]).sort(), LANGUAGES);
  });

  it('raci-lint speaks the language of LC_ALL, LC_MESSAGES or LANG', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-l10n-'));
    fs.writeFileSync(path.join(dir, 'plan.md'), '| Activity | Team | Client |\n| --- | --- | --- |\n| Write | R | C |\n');
    const expected: Record<string, RegExp> = {
      'C.UTF-8': /Activity "Write" has no Accountable \(A\)/,
      'fr_FR.UTF-8': /L'activité «\u202fWrite\u202f» n'a pas d'approbateur \(A\)/,
      'de_DE.UTF-8': /Die Aktivität „Write“ hat keine genehmigende Partei \(A\)/,
      'es_ES.UTF-8': /La actividad «Write» no tiene aprobador \(A\)/,
      'it_IT.UTF-8': /L'attività «Write» non ha un Accountable \(A\)/,
    };
    for (const [locale, message] of Object.entries(expected)) {
      const env: NodeJS.ProcessEnv = { ...process.env, LANG: locale, NO_COLOR: '1' };
      delete env.LC_ALL;
      delete env.LC_MESSAGES;
      const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'plan.md'], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, message, locale);
    }
  });

  it('picks the bundle from the locale, English for the rest', () => {
    assert.equal(bundleFor('de'), BUNDLES.de);
    assert.equal(bundleFor('de-CH'), BUNDLES.de);
    assert.equal(bundleFor('es_ES.UTF-8'), BUNDLES.es);
    assert.equal(bundleFor('IT'), BUNDLES.it);
    assert.equal(bundleFor('fr-CA'), BUNDLES.fr);
    for (const other of ['en', 'en-GB', 'pt-BR', 'nl', '', undefined, 'toString', '__proto__'])
      assert.equal(bundleFor(other), undefined, String(other));
  });
});
