import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../server/src/engine';
import { generated } from '../../scripts/generate';
import { DOCUMENT_RULES } from '../../server/src/engine/rules/check';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

test('the manifest, the schema and the rules tables say what the rule registry says (npm run generate)', () => {
  for (const [file, text] of generated(read)) assert.equal(read(file), text, `${file} is out of date: run npm run generate`);
});

test('every rule of the registry has its documentation section and its setting text in each language', () => {
  const doc = read('docs/rules.md');
  for (const rule of RULES) assert.match(doc, new RegExp(`^## ${rule.id}$`, 'm'), `docs/rules.md has no section for ${rule.id}`);
  for (const bundle of ['package.nls.json', 'package.nls.de.json', 'package.nls.es.json', 'package.nls.fr.json', 'package.nls.it.json']) {
    const texts = JSON.parse(read(bundle));
    for (const rule of RULES) assert.ok(texts[`config.rules.${rule.id}`], `${bundle} has no text for ${rule.id}`);
  }
});

test('every rule of the registry is run: on each document, or across translations', () => {
  const translationRules = ['translation-drift', 'translation-missing-matrix', 'translation-missing-row'];
  assert.deepEqual([...DOCUMENT_RULES, ...translationRules].sort(), RULES.map((rule) => rule.id).sort());
  assert.equal(new Set(DOCUMENT_RULES).size, DOCUMENT_RULES.length, 'a rule is run once');
});
