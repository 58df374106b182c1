/**
 * Nothing from the workspace is executed: configuration is JSON (`.raci.json`, front
 * matter read as YAML data), there are no plugins, the bundles load only Node built-ins
 * by literal name, and the extension says it is safe in untrusted workspaces.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri, fixture, ROOT, start } from './client';

const BUNDLES = ['dist/server.js', 'dist/cli.js', 'dist/extension.js', 'dist/web/server.js', 'dist/web/extension.js'].filter((file) =>
  fs.existsSync(path.join(ROOT, file)),
);

describe('trust', () => {
  it('declares support for untrusted workspaces', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
  });

  it('bundles load nothing but Node built-ins (and vscode), by literal name; no eval, no dynamic import', () => {
    assert.ok(BUNDLES.includes('dist/server.js') && BUNDLES.includes('dist/cli.js'), 'build first');
    for (const file of BUNDLES) {
      const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of code.matchAll(/(?<![\w$])require\s*\(([^)]*)\)/g)) {
        const literal = /^\s*(["'])([^"']+)\1\s*$/.exec(match[1]);
        assert.ok(literal, `${file}: require with a computed argument: ${match[0]}`);
        assert.ok(isBuiltin(literal[2]) || literal[2] === 'vscode', `${file}: requires "${literal[2]}", not a built-in`);
      }
      assert.doesNotMatch(code, /(?<![\w$.])import\s*\(/, `${file}: dynamic import()`);
      assert.doesNotMatch(
        code,
        /(?<![\w$.])eval\s*\(|new Function\s*\(|createRequire|vm\.run|runIn\w*Context|vm\.Script/,
        `${file}: evaluates code`,
      );
    }
  });

  it('executes and loads nothing from the workspace (server and CLI)', async () => {
    const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-trust-')));
    const marker = path.join(workspace, 'EXECUTED');
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, __filename);`;
    for (const file of [
      '.raci.js',
      '.raci.cjs',
      'raci.config.js',
      'node_modules/raci-plugin/index.js',
      'node_modules/remark-gfm/index.js',
      'plugin.js',
    ]) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), payload);
    }
    fs.writeFileSync(
      path.join(workspace, 'package.json'),
      JSON.stringify({ name: 'w', raci: { plugins: ['./plugin.js'] }, main: 'plugin.js' }),
    );
    fs.writeFileSync(
      path.join(workspace, '.raci.json'),
      JSON.stringify({ scheme: 'RASCI', plugins: ['./plugin.js'], extends: './plugin.js' }),
    );
    const document = path.join(workspace, 'matrix.md');
    fs.writeFileSync(
      document,
      `---\nraci:\n  plugins: [./plugin.js]\n  scheme: !!js/function "function () { ${payload} }"\n---\n${fixture('lsp/faulty.md')}`,
    );
    // A probe preloaded in the server records every module file it loads.
    const probe = path.join(os.tmpdir(), `raci-trust-probe-${process.pid}.cjs`);
    const log = path.join(os.tmpdir(), `raci-trust-loaded-${process.pid}.log`);
    fs.writeFileSync(
      probe,
      `const Module = require('module'); const fs = require('fs'); const load = Module._load;
       Module._load = function (request, parent, isMain) { try { fs.appendFileSync(${JSON.stringify(log)}, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {} return load.apply(this, arguments); };`,
    );
    try {
      const session = await start({ nodeArgs: ['--require', probe], dynamicRegistration: true });
      try {
        const uri = fileUri(document);
        await session.open(uri, fs.readFileSync(document, 'utf8'));
        const diagnostics = await session.diagnostics(uri, 1);
        assert.ok(diagnostics.length > 0);
        await session.configFileChanged(fileUri(path.join(workspace, '.raci.json')));
        await session.symbols(uri);
      } finally {
        await session.shutdown();
      }
      const cli = spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'dist/cli.js'), '--fix', workspace], {
        encoding: 'utf8',
      });
      // 2: the config file's unknown keys are reported as problems; what matters is that it ran and did not crash.
      assert.ok(cli.status !== null && cli.status <= 2, cli.stderr);
      assert.doesNotMatch(cli.stderr, /Error:|\n\s+at /, cli.stderr);
      assert.equal(fs.existsSync(marker), false, 'a workspace file was executed');
      const loaded = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
      assert.ok(loaded.length > 0, 'the probe recorded nothing');
      assert.deepEqual(
        loaded.filter((file) => file.startsWith(workspace)),
        [],
        'a module was loaded from the workspace',
      );
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(probe, { force: true });
      fs.rmSync(log, { force: true });
    }
  });
});
