/**
 * The CI integrations hold together: the pre-commit hook, the npm package it installs
 * (built by `prepare`, shipping the self-contained CLI), the example GitHub workflow
 * and `raci-lint --init`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseConfigText, RULE_IDS, SCHEME_IDS } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));

describe('pre-commit hook', () => {
  const hooks = parseYaml(read('.pre-commit-hooks.yaml')) as Record<string, unknown>[];

  it('declares raci-lint as a node hook on Markdown files', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'raci-lint');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'raci-lint');
    assert.ok(Object.keys(manifest.bin).includes(hook.entry as string), 'entry is a bin of the package');
    const files = new RegExp(hook.files as string);
    for (const name of ['README.md', 'docs/raci.markdown', 'a b/é.md']) assert.match(name, files);
    for (const name of ['notes.mdx', 'md.txt', 'README.md.bak', 'markdown']) assert.doesNotMatch(name, files);
  });

  it('installs a package that builds and ships the CLI', () => {
    assert.equal(manifest.bin['raci-lint'], './dist/cli.js');
    assert.match(manifest.scripts.prepare, /^node esbuild\.mjs\b/, 'npm install from git and npm pack build dist/');
    // pre-commit takes all of `npm pack`'s stdout as the tarball name: the prepare
    // script's banner must stay off it (checked by hand with pre-commit try-repo).
    assert.match(read('.npmrc'), /^foreground-scripts=false$/m);
    // --ignore-scripts: the test must not rebuild dist/ under the other tests' feet.
    const pack = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(pack.status, 0, pack.stderr);
    const [{ files }] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
    const paths = files.map((file) => file.path).sort();
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('schemas/')),
      ['LICENSE', 'README.md', 'dist/cli.js', 'package.json'],
    );
    assert.ok(paths.includes('schemas/raci.schema.json'));
    assert.match(read('dist/cli.js'), /^#!\/usr\/bin\/env node\n/);
    // Self-contained: no dependency to install next to it.
    assert.equal(manifest.dependencies, undefined);
  });
});

describe('GitHub Actions example', () => {
  const workflow = parseYaml(read('docs/examples/raci-lint.yml')) as {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { id?: string; run?: string; uses?: string; with?: Record<string, string>; if?: string }[] }>;
  };
  const steps = Object.values(workflow.jobs)[0].steps;

  it('writes SARIF with npx raci-lint and uploads it to code scanning', () => {
    assert.equal(workflow.permissions['security-events'], 'write');
    const install = steps.findIndex((step) => /npm (install|ci)\b/.test(step.run ?? ''));
    const lint = steps.findIndex((step) => step.run === 'npx raci-lint --format sarif docs > raci.sarif');
    const upload = steps.findIndex((step) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(step.uses ?? ''));
    assert.ok(install >= 0 && lint > install && upload > lint, JSON.stringify(steps, null, 2));
    assert.equal(steps[upload].with?.sarif_file, 'raci.sarif');
    assert.match(steps[upload].if ?? '', /always\(\)/, 'findings are uploaded even though raci-lint exits 1');
    // ...and the job still fails on errors.
    assert.ok(steps.slice(upload + 1).some((step) => step.if?.includes(`steps.${steps[lint].id}.outcome == 'failure'`)));
  });

  it('is documented in docs/ci.md and the README', () => {
    const doc = read('docs/ci.md');
    assert.ok(doc.includes('](examples/raci-lint.yml)'));
    assert.ok(doc.includes('npx raci-lint --format sarif docs > raci.sarif'));
    assert.ok(doc.includes('id: raci-lint'));
    assert.ok(read('README.md').includes('](docs/ci.md)'));
  });
});

describe('raci-lint --init', () => {
  it('writes a valid .raci.json with every rule, whose $schema is in the package', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-init-'));
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), '--init'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /maxAccountable/);
    // The explanation names every scheme the engine knows.
    for (const scheme of SCHEME_IDS) assert.ok(result.stdout.includes(scheme), `${scheme} in: ${result.stdout}`);
    const text = fs.readFileSync(path.join(dir, '.raci.json'), 'utf8');
    assert.deepEqual(parseConfigText(text).problems, []);
    const config = JSON.parse(text);
    assert.deepEqual(Object.keys(config.rules), [...RULE_IDS]);
    const schema = config.$schema.replace('./node_modules/raci-lint/', '');
    // Where the raci-lint package, installed in the project, ships it.
    assert.ok(fs.existsSync(path.join(ROOT, 'packages', 'raci-lint', schema)), config.$schema);
    // Never over an existing file.
    assert.equal(spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), '--init'], { cwd: dir }).status, 2);
  });
});

describe('GitHub Actions example for responsibility changes', () => {
  const workflow = parseYaml(read('docs/examples/raci-diff.yml')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string | number> }[] }>;
  };
  const steps = Object.values(workflow.jobs)[0].steps;

  it('posts the Markdown summary of raci-lint diff as a pull-request comment, updated by its marker', () => {
    assert.ok('pull_request' in workflow.on);
    assert.equal(workflow.permissions['pull-requests'], 'write');
    const checkout = steps.find((step) => /^actions\/checkout@v\d+$/.test(step.uses ?? ''));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'the merge base needs the history');
    const diff = steps.findIndex(
      (step) => step.run?.startsWith('npx raci-lint diff --format markdown ') && step.run.endsWith('> raci-diff.md'),
    );
    const comment = steps.findIndex((step) => /^actions\/github-script@v\d+$/.test(step.uses ?? ''));
    assert.ok(diff >= 0 && comment > diff, JSON.stringify(steps, null, 2));
    const script = String(steps[comment].with?.script);
    assert.ok(script.includes("'<!-- raci-lint diff -->'") && script.includes('updateComment') && script.includes('createComment'));
    assert.ok(read('docs/ci.md').includes('](examples/raci-diff.yml)'));
  });
});
