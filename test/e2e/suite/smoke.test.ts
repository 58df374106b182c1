import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateProduct, openFile, PRODUCT_ID } from './helpers';

// Proves the harness itself: the real vscode API answers, the product is installed and
// activates, and the fixture workspace is the one that was opened.
suite('smoke', () => {
  test('the real vscode API is reachable', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof vscode.languages.getDiagnostics, 'function');
  });

  test(`${PRODUCT_ID} is installed and activates`, async () => {
    const ext = await activateProduct();
    assert.equal(ext.isActive, true);
  });

  test('the fixture workspace is open and a RACI document opens as markdown', async () => {
    const doc = await openFile('seed-llmaas.fr.md');
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /Rôle Cloud Temple/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
  });
});
