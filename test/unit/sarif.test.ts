/**
 * `raci-lint --format sarif` is valid SARIF 2.1.0, checked with ajv against the OASIS
 * JSON schema that @microsoft/jest-sarif ships (sarif-2.1.0-rtm.5.json, draft-04), and
 * meets what GitHub code scanning's upload-sarif reads (relative URIs under
 * %SRCROOT%, rule indexes, 1-based regions).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SCHEMA = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
// The schema's `language` pattern has a stray `]` that is only valid without the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
    }[];
  }[];
}

function lint(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; log: SarifLog; stderr: string } {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
  const base = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'NO_COLOR']) delete base[name];
  const result = spawnSync(process.execPath, [CLI, '--format', 'sarif', ...args], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, log: JSON.parse(result.stdout) as SarifLog, stderr: result.stderr };
}

function assertValid(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `not valid SARIF 2.1.0:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

/** What GitHub code scanning needs beyond the schema. */
function assertCodeScanningReady(log: SarifLog, cwd: string): void {
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  const ids = run.tool.driver.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  const root = run.originalUriBaseIds['%SRCROOT%'].uri;
  assert.ok(root.startsWith('file:///') && root.endsWith('/'), root);
  assert.equal(fileURLToPath(root), cwd.endsWith(path.sep) ? cwd : cwd + path.sep);
  for (const result of run.results) {
    assert.equal(ids[result.ruleIndex], result.ruleId);
    assert.ok(result.message.text.trim().length > 0);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    if (artifactLocation.uriBaseId) {
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!artifactLocation.uri.startsWith('/') && !artifactLocation.uri.includes('\\'), artifactLocation.uri);
      // The URI resolves to a file that exists.
      assert.ok(fs.existsSync(fileURLToPath(new URL(artifactLocation.uri, root))), artifactLocation.uri);
    } else {
      assert.ok(fs.existsSync(fileURLToPath(artifactLocation.uri)), artifactLocation.uri);
    }
    assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine, JSON.stringify(region));
  }
}

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'raci-sarif-')));
}

describe('SARIF output', () => {
  it('the schema is the 2.1.0 one, and the validator rejects what it must', () => {
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
    assert.equal(schema.properties.version.enum[0], '2.1.0');
    assert.equal(validate({ version: '2.1.0', runs: [] }), true);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: { text: 'm' } }] }] };
    assert.equal(validate(bad), false, 'level "fatal" accepted');
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r' }] }] }),
      false,
      'result without message accepted',
    );
    const region = { startLine: 0 };
    const at = { physicalLocation: { artifactLocation: { uri: 'a.md' }, region } };
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [at] }] }] }),
      false,
      'line 0 accepted',
    );
  });

  it('lints examples/ into a valid log, ready for code scanning', () => {
    const { status, log } = lint(['examples'], ROOT);
    assert.equal(status, 1);
    assertValid(log);
    assertCodeScanningReady(log, ROOT);
    const rules = new Set(log.runs[0].results.map((result) => result.ruleId));
    for (const id of ['missing-accountable', 'multiple-accountable', 'invalid-role', 'lookalike-character', 'row-shape'])
      assert.ok(rules.has(id), id);
  });

  it('stays valid with odd file names, files outside the working directory, config problems and other languages', () => {
    const dir = tempDir();
    const outside = tempDir();
    const matrix = '| Activity | Team | Client |\n| --- | --- | --- |\n| Write | R | C |\n';
    fs.mkdirSync(path.join(dir, 'docs/sous dossier'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs/sous dossier/matrice #1 (v2)é.md'), matrix);
    fs.writeFileSync(path.join(dir, 'docs/front.md'), `---\nraci:\n  scheme: NOPE\n---\n${matrix}`);
    fs.writeFileSync(path.join(dir, 'docs/.raci.json'), '{ "rules": { "missing-accountable": "loud" } ');
    fs.writeFileSync(path.join(outside, 'elsewhere.md'), matrix);

    for (const env of [{}, { LANG: 'de_DE.UTF-8' }, { LC_ALL: 'it_IT.UTF-8' }] as Record<string, string>[]) {
      const { status, log, stderr } = lint(['docs', path.join(outside, 'elsewhere.md')], dir, env);
      assert.equal(status, 2, stderr); // the broken .raci.json
      assertValid(log);
      assertCodeScanningReady(log, dir);
      const [run] = log.runs;
      assert.equal(run.invocations[0].executionSuccessful, false);
      assert.ok(run.invocations[0].toolExecutionNotifications.length > 0);
      const uris = run.results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uris.includes('docs/sous%20dossier/matrice%20%231%20(v2)%C3%A9.md'), uris.join('\n'));
      assert.ok(
        uris.some((uri) => uri.startsWith('file:///') && uri.endsWith('/elsewhere.md')),
        uris.join('\n'),
      );
      assert.ok(run.results.some((result) => result.ruleId === 'invalid-config'));
    }
  });

  it('is valid with nothing to report', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'clean.md'), '| Activity | Team | Client |\n| --- | --- | --- |\n| Write | R | A |\n');
    const { status, log } = lint(['.'], dir);
    assert.equal(status, 0);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });
});
