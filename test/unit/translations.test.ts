import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, validateConfig } from '../../server/src/engine';
import { pairTranslations, sourceCandidates } from '../../server/src/engine/domain/pairing';
import { checkTranslation } from '../../server/src/engine/features/translations';
import { lint } from '../helpers/engine';

const pairs = (files: string[], settings = {}) =>
  pairTranslations(files, settings).map((p) => `${p.translation} -> ${p.source} (${p.language}, ${p.convention})`);

test('pairing: Docusaurus, Hugo, MkDocs, locale folders, and the explicit pattern', () => {
  assert.deepEqual(
    pairs([
      'docs/security/keys.md',
      'i18n/de/docusaurus-plugin-content-docs/current/security/keys.md',
      'i18n/es/docusaurus-plugin-content-docs/current/security/keys.md',
      'i18n/it/docusaurus-plugin-content-docs/current/other.md',
    ]),
    [
      'i18n/de/docusaurus-plugin-content-docs/current/security/keys.md -> docs/security/keys.md (de, docusaurus)',
      'i18n/es/docusaurus-plugin-content-docs/current/security/keys.md -> docs/security/keys.md (es, docusaurus)',
    ],
  );
  // Hugo: content/<lang>/X (the source language en by default) and X.<lang>.md; MkDocs i18n: X.<lang>.md.
  assert.deepEqual(pairs(['content/en/keys.md', 'content/fr/keys.md', 'content/de/keys.md']), [
    'content/de/keys.md -> content/en/keys.md (de, folder)',
    'content/fr/keys.md -> content/en/keys.md (fr, folder)',
  ]);
  assert.deepEqual(pairs(['content/keys.md', 'content/keys.fr.md', 'content/keys.pt-BR.md']), [
    'content/keys.fr.md -> content/keys.md (fr, suffix)',
    'content/keys.pt-BR.md -> content/keys.md (pt-BR, suffix)',
  ]);
  // VitePress, Starlight: the default locale at the root, the others in <lang>/.
  assert.deepEqual(pairs(['guide/keys.md', 'fr/guide/keys.md']), ['fr/guide/keys.md -> guide/keys.md (fr, folder)']);
  // The source language is configurable: French sources, English translations.
  assert.deepEqual(pairs(['content/en/keys.md', 'content/fr/keys.md'], { source: 'fr' }), [
    'content/en/keys.md -> content/fr/keys.md (en, folder)',
  ]);
  assert.deepEqual(pairs(['manuals/fr/ops/keys.md', 'manuals/de/ops/keys.md'], { source: 'fr', pattern: 'manuals/{lang}/{path}' }), [
    'manuals/de/ops/keys.md -> manuals/fr/ops/keys.md (de, pattern)',
  ]);
  assert.deepEqual(pairs(['keys.fr.md', 'keys.de.md'], { source: 'fr', pattern: '{path}.{lang}.md' }), [
    'keys.de.md -> keys.fr.md (de, pattern)',
  ]);
});

test('pairing: folders and suffixes that are not languages, and documents with no translation, pair with nothing', () => {
  assert.deepEqual(pairs(['api/keys.md', 'keys.md', 'ops/keys.md', 'notes.draft.md', 'notes.md', 'docs/keys.md']), []);
  assert.deepEqual(sourceCandidates('docs/keys.md'), []);
  assert.deepEqual(pairs(['content/fr/keys.md', 'content/en/other.md']), []);
});

test('pairing: "translations" in .raci.json is validated', () => {
  assert.deepEqual(validateConfig({ translations: { source: 'fr', pattern: 'manuals/{lang}/{path}' } }), {
    config: { translations: { source: 'fr', pattern: 'manuals/{lang}/{path}' } },
    problems: [],
  });
  const { problems } = validateConfig({ translations: { source: 'french', pattern: 'manuals/{path}', extra: 1 } });
  assert.equal(problems.length, 3, problems.join('\n'));
});

const table = (...rows: string[]) => `| Activité | Client | Fournisseur |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
const FR = `# Clés\n\n${table('| Gérer les clés | R | A |', '| Sauvegarder | C | RA |', '| Surveiller | I | RA |')}`;

function check(translation: string, source = FR) {
  const model = lint(translation);
  return { model, findings: checkTranslation({ uri: 'file:///docs/keys.md', label: 'docs/keys.md', model: lint(source) }, model) };
}

test('translation: the same codes under translated names, a footnote marker, other formatting: no finding', () => {
  const de = `# Schlüssel\n\n| Aktivität | Kunde | Anbieter |\n| --- | --- | --- |\n| Schlüssel verwalten | **R** | A (1) |\n| Sichern | C | R, A |\n| Überwachen | I[^1] | AR |\n\n[^1]: Nur auf Anfrage.\n`;
  assert.deepEqual(check(de).findings, []);
});

test('translation-drift: on the translation cell, pointing at the source cell, with a fix to the source codes', () => {
  const de = `# Schlüssel\n\n| Aktivität | Kunde | Anbieter |\n| --- | --- | --- |\n| Schlüssel verwalten | R | A |\n| Sichern | CI | RA |\n| Überwachen | I | RA |\n`;
  const { findings } = check(de);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['translation-drift'],
  );
  const [drift] = findings;
  assert.equal(drift.severity, 'warning');
  assert.equal(de.slice(drift.start, drift.end), 'CI');
  assert.match(drift.message, /docs\/keys\.md/);
  assert.match(drift.message, /\bC\b.*Kunde.*Sichern.*CI/);
  assert.deepEqual(
    drift.elsewhere.map((e) => [e.uri, e.range.start.line, e.range.start.character]),
    [['file:///docs/keys.md', 5, 16]],
  );
  assert.equal(drift.fixes[0].title, "Use the source's codes (C)");
  const fixed = applyEdits(de, drift.fixes[0].edits);
  assert.ok(fixed.includes('| Sichern | C  | RA |'), fixed);
  assert.deepEqual(check(fixed).findings, []);
  // Off like any rule, and silenced by the same comments.
  const off = lint(de, { rules: { 'translation-drift': 'off' } });
  assert.deepEqual(checkTranslation({ uri: 'x', label: 'x', model: lint(FR) }, off), []);
  assert.deepEqual(check(`<!-- raci-disable translation-drift -->\n\n${de}`).findings, []);
});

test('translation-missing-row and translation-missing-matrix: what one version has and the other lacks', () => {
  const missingRow = `# Schlüssel\n\n| Aktivität | Kunde | Anbieter |\n| --- | --- | --- |\n| Schlüssel verwalten | R | A |\n| Überwachen | I | RA |\n`;
  const { findings } = check(missingRow);
  assert.deepEqual(
    findings.map((f) => [f.ruleId, missingRow.slice(f.start, f.end)]),
    [['translation-missing-row', 'Überwachen']],
  );
  assert.match(findings[0].message, /Sauvegarder/);
  const extraRow = `${table('| Gérer les clés | R | A |', '| Sauvegarder | C | RA |', '| Surveiller | I | RA |', '| Archiver | R | A |')}`;
  assert.deepEqual(
    check(extraRow).findings.map((f) => [f.ruleId, extraRow.slice(f.start, f.end)]),
    [['translation-missing-row', 'Archiver']],
  );
  const two = `${FR}\n# Autres\n\n${table('| Payer | A | R |')}`;
  const noMatrix = '# Schlüssel\n\nNoch nicht übersetzt.\n';
  assert.deepEqual(
    check(noMatrix, two).findings.map((f) => f.ruleId),
    ['translation-missing-matrix', 'translation-missing-matrix'],
  );
  const oneOfTwo = `# Schlüssel\n\n${table('| Schlüssel verwalten | R | A |', '| Sichern | C | RA |', '| Überwachen | I | RA |')}`;
  const [missing] = check(oneOfTwo, two).findings;
  assert.equal(missing.ruleId, 'translation-missing-matrix');
  assert.match(missing.message, /Autres/);
});

test('translation-drift in a transposed matrix: on the party row of the activity column, with its fix', () => {
  const fr = `| Rôle | Définir | Déployer |\n| --- | --- | --- |\n| Client | A | I |\n| Fournisseur | R | RA |\n`;
  const de = `| Rolle | Festlegen | Bereitstellen |\n| --- | --- | --- |\n| Kunde | A | C |\n| Anbieter | R | RA |\n`;
  assert.equal(lint(de).matrices[0].layout, 'transposed');
  const findings = checkTranslation({ uri: 'file:///docs/x.md', label: 'docs/x.md', model: lint(fr) }, lint(de));
  assert.deepEqual(
    findings.map((f) => `${f.ruleId} ${de.slice(f.start, f.end)}`),
    ['translation-drift C'],
  );
  assert.equal(findings[0].fixes[0].title, "Use the source's codes (I)");
  const fixed = applyEdits(de, findings[0].fixes[0].edits);
  assert.equal(fixed, de.replace('| Kunde | A | C |', '| Kunde | A | I |'));
});
