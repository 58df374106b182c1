import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, DEFAULT_SEVERITY, RULE_IDS, SCHEME_IDS } from '../../server/src/engine';
import { registeredCommands } from '../helpers/clientCommands';
import { ROOT } from './client';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

describe('extension manifest', () => {
  const manifest = read('package.json');
  const properties = manifest.contributes.configuration.properties;

  it('declares every setting the server reads, with the engine defaults', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      'raci.enable',
      'raci.maxAccountable',
      'raci.maxDocumentSize',
      'raci.rules',
      'raci.scheme',
      'raci.trace.server',
    ]);
    assert.equal(properties['raci.enable'].default, DEFAULT_SETTINGS.enable);
    assert.equal(properties['raci.scheme'].default, DEFAULT_SETTINGS.scheme);
    assert.deepEqual(properties['raci.scheme'].enum, [...SCHEME_IDS]);
    assert.equal(properties['raci.maxAccountable'].default, DEFAULT_SETTINGS.maxAccountable);
    assert.equal(properties['raci.maxDocumentSize'].default, DEFAULT_SETTINGS.maxDocumentSize);
    const rules = properties['raci.rules'].properties;
    assert.deepEqual(Object.keys(rules), [...RULE_IDS]);
    for (const rule of RULE_IDS) assert.equal(rules[rule].default, DEFAULT_SEVERITY[rule], rule);
  });

  it('has an English and a French text for every %placeholder%', () => {
    const used = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 10);
    for (const bundle of ['package.nls.json', 'package.nls.fr.json']) {
      const texts = read(bundle);
      assert.deepEqual(
        used.filter((key) => !(key in texts)),
        [],
        `missing in ${bundle}`,
      );
      assert.deepEqual(
        Object.keys(texts).filter((key) => !used.includes(key)),
        [],
        `unused in ${bundle}`,
      );
    }
  });

  it('points at files that exist and starts the bundled entry points', async () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown']);
    for (const grammar of manifest.contributes.grammars) assert.ok(fs.existsSync(path.join(ROOT, grammar.path)), grammar.path);
    for (const validation of manifest.contributes.jsonValidation) assert.ok(fs.existsSync(path.join(ROOT, validation.url)), validation.url);
    assert.ok(fs.existsSync(path.join(ROOT, manifest.l10n, 'bundle.l10n.fr.json')));
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
    const registered = await registeredCommands(ROOT, 'client/src/extension.ts');
    for (const command of commands) assert.ok(registered.has(command), `${command} is not registered by the client`);
  });
});
