import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, MessageType } from 'vscode-languageserver-protocol/node';
import { fileUri, fixture, positionOf, serverForSuite, start, summary } from './client';

const FAULTY_FINDINGS = [
  'invalid-role 6:50-6:51',
  'lowercase-role 6:20-6:21',
  'missing-accountable 4:2-4:19',
  'missing-accountable 7:2-7:9',
  'missing-responsible 7:2-7:9',
  'multiple-accountable 5:2-5:10',
  // The same finding, marked on each of the two A.
  'multiple-accountable 5:21-5:22',
  'multiple-accountable 5:37-5:38',
  'row-shape 7:0-7:49',
];

describe('diagnostics', () => {
  const session = serverForSuite();

  it('finds no error or warning in the seed matrix', async () => {
    const uri = 'file:///virtual/seed-llmaas.fr.md';
    await session.open(uri, fixture('seed-llmaas.fr.md'));
    const diagnostics = await session.diagnostics(uri, 1);
    const serious = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.deepEqual(summary(serious), []);
  });

  it('reports each finding of the faulty matrix with its code, range, source and link', async () => {
    const uri = 'file:///virtual/faulty.md';
    await session.open(uri, fixture('lsp/faulty.md'));
    const diagnostics = await session.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), FAULTY_FINDINGS);
    for (const d of diagnostics) {
      assert.equal(d.source, 'raci');
      assert.match(String(d.codeDescription?.href), new RegExp(`#${d.code}$`));
      // Nothing the server does not read back: code actions come from its model.
      assert.equal(d.data, undefined);
    }
    const invalid = diagnostics.find((d) => d.code === 'invalid-role')!;
    assert.equal(invalid.severity, DiagnosticSeverity.Error);
    assert.match(String(invalid.message), /"X" is not a role code/);
  });

  it('follows incremental edits', async () => {
    const uri = 'file:///virtual/incremental.md';
    const text = fixture('lsp/faulty.md');
    await session.open(uri, text);
    await session.diagnostics(uri, 1);
    // Replace the invalid "X" (line 6) with "C", by range.
    const at = positionOf(text, 6, 'X');
    const version = await session.change(uri, [{ range: { start: at, end: { line: 6, character: at.character + 1 } }, text: 'C' }]);
    const diagnostics = await session.diagnostics(uri, version);
    assert.deepEqual(
      summary(diagnostics),
      FAULTY_FINDINGS.filter((f) => !f.startsWith('invalid-role')),
    );
    assert.equal(session.text(uri).split('\n')[6].includes('| C        |'), true);
  });

  it('coalesces a burst of changes and publishes the newest version last', async () => {
    const uri = 'file:///virtual/burst.md';
    const text = fixture('lsp/faulty.md');
    await session.open(uri, text);
    let version = 1;
    for (let i = 0; i < 20; i++) {
      const at = positionOf(session.text(uri), 6, i % 2 === 0 ? 'X' : 'C');
      version = await session.change(uri, [
        { range: { start: at, end: { line: 6, character: at.character + 1 } }, text: i % 2 === 0 ? 'C' : 'X' },
      ]);
    }
    const diagnostics = await session.diagnostics(uri, version);
    assert.ok(summary(diagnostics).includes('invalid-role 6:50-6:51'));
    const forUri = session.published.filter((p) => p.uri === uri);
    assert.ok(forUri.length < 20, `expected coalescing, got ${forUri.length} publications`);
    assert.equal(forUri.at(-1)!.version, version);
  });

  it('never publishes for a version that a newer one replaced while settings were being fetched', async () => {
    const held = await start();
    try {
      let release!: () => void;
      held.configurationGate = new Promise((resolve) => (release = resolve));
      const uri = 'file:///virtual/held.md';
      await held.open(uri, fixture('lsp/faulty.md'));
      await held.waitFor('the configuration request', () => held.configurationRequests > 0);
      const version = await held.change(uri, fixture('seed-llmaas.fr.md'));
      release();
      const diagnostics = await held.diagnostics(uri, version);
      assert.equal(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length, 0);
      // One more round trip so that anything still queued for version 1 has arrived.
      await held.symbols(uri);
      assert.deepEqual(
        held.published.filter((p) => p.uri === uri).map((p) => p.version),
        [version],
      );
      assert.deepEqual(held.staleViolations, []);
    } finally {
      await held.shutdown();
    }
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///virtual/closed.md';
    await session.open(uri, fixture('lsp/faulty.md'));
    await session.diagnostics(uri, 1);
    const count = session.published.length;
    await session.close(uri);
    await session.waitFor('empty diagnostics after close', () =>
      session.published.slice(count).some((p) => p.uri === uri && p.diagnostics.length === 0),
    );
  });

  it('ignores documents that are not Markdown', async () => {
    const uri = 'file:///virtual/plain.txt';
    await session.open(uri, fixture('lsp/faulty.md'), 'plaintext');
    const marker = 'file:///virtual/after-plain.md';
    await session.open(marker, fixture('lsp/faulty.md'));
    await session.diagnostics(marker, 1);
    const published = session.published.filter((p) => p.uri === uri);
    assert.ok(published.every((p) => p.diagnostics.length === 0));
  });
});

describe('settings', () => {
  it('pulls raci settings per document and drops them on didChangeConfiguration', async () => {
    const session = await start({ settings: { rules: { 'missing-accountable': 'warning' } } });
    try {
      const uri = 'file:///virtual/settings.md';
      await session.open(uri, fixture('lsp/faulty.md'));
      const first = await session.diagnostics(uri, 1);
      assert.ok(session.configurationRequests >= 1);
      const missing = first.filter((d) => d.code === 'missing-accountable');
      assert.equal(missing.length, 2);
      assert.ok(missing.every((d) => d.severity === DiagnosticSeverity.Warning));

      const count = session.published.length;
      await session.changeSettings({ rules: { 'missing-accountable': 'off', 'row-shape': 'off' } });
      await session.waitFor('re-validation after the settings change', () => session.published.slice(count).some((p) => p.uri === uri));
      const after = session.published
        .slice(count)
        .filter((p) => p.uri === uri)
        .at(-1)!.diagnostics;
      assert.deepEqual(summary(after), [
        'invalid-role 6:50-6:51',
        'lowercase-role 6:20-6:21',
        'missing-responsible 7:2-7:9',
        'multiple-accountable 5:2-5:10',
        'multiple-accountable 5:21-5:22',
        'multiple-accountable 5:37-5:38',
      ]);

      const again = session.published.length;
      await session.changeSettings({ enable: false });
      await session.waitFor('re-validation after disabling', () => session.published.slice(again).some((p) => p.uri === uri));
      assert.deepEqual(
        session.published
          .slice(again)
          .filter((p) => p.uri === uri)
          .at(-1)!.diagnostics,
        [],
      );
      assert.equal(await session.hover(uri, positionOf(session.text(uri), 6, 'X')), null);
    } finally {
      await session.shutdown();
    }
  });

  it('uses the defaults when the client cannot be asked, and settings pushed with didChangeConfiguration', async () => {
    const session = await start({ configuration: false });
    try {
      const uri = 'file:///virtual/no-config.md';
      await session.open(uri, fixture('lsp/faulty.md'));
      assert.deepEqual(summary(await session.diagnostics(uri, 1)), FAULTY_FINDINGS);
      assert.equal(session.configurationRequests, 0);
      const count = session.published.length;
      await session.changeSettings({ rules: { 'invalid-role': 'off' } });
      await session.waitFor('re-validation', () => session.published.slice(count).some((p) => p.uri === uri));
      const after = session.published
        .slice(count)
        .filter((p) => p.uri === uri)
        .at(-1)!.diagnostics;
      assert.deepEqual(
        summary(after),
        FAULTY_FINDINGS.filter((f) => !f.startsWith('invalid-role')),
      );
    } finally {
      await session.shutdown();
    }
  });

  it('applies the nearest .raci.json, re-reads it when it changes, and reports a malformed one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-lsp-'));
    const nested = path.join(dir, 'docs', 'team');
    fs.mkdirSync(nested, { recursive: true });
    const config = path.join(dir, '.raci.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'lowercase-role': 'off' } }));
    const session = await start({ dynamicRegistration: true });
    try {
      await session.waitFor('the .raci.json watcher registration', () =>
        session.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      );
      const uri = fileUri(path.join(nested, 'matrix.md'));
      await session.open(uri, fixture('lsp/faulty.md'));
      const first = await session.diagnostics(uri, 1);
      assert.deepEqual(
        summary(first),
        FAULTY_FINDINGS.filter((f) => !f.startsWith('lowercase-role')),
      );

      fs.writeFileSync(config, '{ "rules": { "lowercase-role": ');
      const count = session.published.length;
      await session.configFileChanged(fileUri(config));
      const warning = await session.message('a warning about the malformed config', (m) => m.type === MessageType.Warning);
      assert.ok(warning.message.includes(config), warning.message);
      assert.match(warning.message, /invalid JSON/);
      await session.waitFor('re-validation with the defaults', () => session.published.slice(count).some((p) => p.uri === uri));
      const after = session.published
        .slice(count)
        .filter((p) => p.uri === uri)
        .at(-1)!.diagnostics;
      assert.deepEqual(summary(after), FAULTY_FINDINGS);
    } finally {
      await session.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips a document above raci.maxDocumentSize and says so once', async () => {
    const session = await start({ settings: { maxDocumentSize: 100 } });
    try {
      const uri = 'file:///virtual/big.md';
      await session.open(uri, fixture('lsp/faulty.md'));
      assert.deepEqual(await session.diagnostics(uri, 1), []);
      const info = await session.message('the skip notice', (m) => m.type === MessageType.Info);
      assert.match(info.message, /raci\.maxDocumentSize \(100\)/);
      const version = await session.change(uri, fixture('lsp/faulty.md') + '\n');
      assert.deepEqual(await session.diagnostics(uri, version), []);
      assert.equal(session.messages.filter((m) => m.type === MessageType.Info).length, 1);
    } finally {
      await session.shutdown();
    }
  });
});
