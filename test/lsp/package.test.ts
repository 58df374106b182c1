/**
 * The Marketplace package: `vsce package` succeeds (README images, icon, manifest
 * fields), and the .vsix holds the bundles and the files VS Code reads, nothing else
 * (no sources, source maps or node_modules), under 3 MB.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './client';

const VSCE = path.join(ROOT, 'node_modules/.bin/vsce');
const MAX_BYTES = 3 * 1024 * 1024;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** What the .vsix may hold under `extension/`. */
const ALLOWED = [
  /^dist\/[^/]+\.js$/,
  /^dist\/web\/[^/]+\.js$/,
  /^syntaxes\/[^/]+\.json$/,
  /^schemas\/[^/]+\.json$/,
  /^l10n\/bundle\.l10n\.[a-z-]+\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^images\/icon\.png$/,
  /^media\/[^/]+\.(css|js)$/, // Markdown preview styles and the overview webview's script
  /^(readme\.md|changelog\.md|LICENSE(\.txt)?|package\.json)$/, // vsce lower-cases the first two
];

/** The names in a zip file's central directory. */
function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = fs.readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Marketplace package', () => {
  it('has the Marketplace fields, a 128×128 icon and both entry points', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    assert.deepEqual(pngSize(path.join(ROOT, manifest.icon)), { width: 128, height: 128 });
    for (const category of ['Linters', 'Formatters']) assert.ok(manifest.categories.includes(category), category);
    assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30);
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.equal(manifest.license, 'MIT');
    assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')));
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.match(
      fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
      new RegExp(`## \\[${manifest.version.replace(/\./g, '\\.')}\\]`),
    );
  });

  it('packages with vsce: bundles and manifest files only, under 3 MB', () => {
    for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/web/extension.js', 'dist/web/server.js']) {
      assert.ok(fs.existsSync(path.join(ROOT, bundle)), `${bundle} is missing: run "node esbuild.mjs" first`);
    }
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-vsix-')), 'raci-markdown.vsix');
    const result = spawnSync(VSCE, ['package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, `vsce package failed:\n${result.stdout}\n${result.stderr}`);
    const size = fs.statSync(out).size;
    assert.ok(size < MAX_BYTES, `${size} bytes`);

    const entries = zipEntries(out);
    assert.ok(entries.includes('extension.vsixmanifest'));
    const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
    assert.deepEqual(
      files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))),
      [],
      'files that should not ship',
    );
    for (const needed of [
      'package.json',
      'readme.md',
      'changelog.md',
      'images/icon.png',
      'dist/extension.js',
      'dist/server.js',
      'dist/cli.js',
      'dist/web/extension.js',
      'dist/web/server.js',
      'syntaxes/raci.injection.tmLanguage.json',
      'schemas/raci.schema.json',
      'package.nls.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is not in the .vsix`);
    }
    assert.ok(
      files.some((file) => /^LICENSE(\.txt)?$/.test(file)),
      'LICENSE',
    );
    for (const language of ['de', 'es', 'fr', 'it']) {
      assert.ok(files.includes(`l10n/bundle.l10n.${language}.json`), language);
      assert.ok(files.includes(`package.nls.${language}.json`), language);
    }
    assert.deepEqual(
      files.filter((file) => file.endsWith('.map') || file.endsWith('.ts') || file.includes('node_modules/')),
      [],
    );
  });
});
