// A deliberately naive stand-in for the product, for run.mjs --self-check only: if the full
// suite passes against this and fails against the placeholder, the suite measures something.
const vscode = require('vscode');

const NAMES = { R: 'Responsible', A: 'Accountable', C: 'Consulted', I: 'Informed' };
const CELL = /^__([A-Z, ]*)__$/;

/** Cells of a table row with their start columns; undefined for lines that are not rows. */
function cells(text) {
  if (!text.startsWith('|')) return undefined;
  const out = [];
  let start = 1;
  for (let i = 1; i < text.length; i++)
    if (text[i] === '|') {
      out.push({ start, raw: text.slice(start, i) });
      start = i + 1;
    }
  return out;
}

function lint(doc) {
  const diags = [];
  const add = (line, from, to, code, severity, message) => {
    const d = new vscode.Diagnostic(new vscode.Range(line, from, line, to), message, severity);
    d.source = 'raci';
    d.code = code;
    diags.push(d);
  };
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    const roles = (cells(text) ?? []).map((c) => ({ ...c, m: CELL.exec(c.raw.trim()) })).filter((c) => c.m);
    if (roles.length === 0) continue;
    let as = 0;
    for (const c of roles) {
      const at = c.start + c.raw.indexOf(c.m[1]);
      for (const [k, ch] of [...c.m[1]].entries()) {
        if (ch === 'A') as++;
        if (/[A-Z]/.test(ch) && !NAMES[ch])
          add(line, at + k, at + k + 1, 'invalid-role', vscode.DiagnosticSeverity.Error, `"${ch}" is not a RACI role`);
      }
    }
    if (as === 0) add(line, 0, text.length, 'missing-accountable', vscode.DiagnosticSeverity.Error, 'no Accountable');
    if (as > 1) add(line, 0, text.length, 'multiple-accountable', vscode.DiagnosticSeverity.Warning, 'more than one Accountable');
  }
  return diags;
}

function fix(doc, d) {
  const line = d.range.start.line;
  const text = doc.lineAt(line).text;
  const edit = new vscode.WorkspaceEdit();
  if (d.code === 'invalid-role') edit.replace(doc.uri, d.range, '');
  if (d.code === 'missing-accountable') {
    const i = text.indexOf('__R');
    edit.insert(doc.uri, new vscode.Position(line, i + 3), 'A');
  }
  if (d.code === 'multiple-accountable') {
    const i = text.lastIndexOf('__A__');
    edit.replace(doc.uri, new vscode.Range(line, i, line, i + 5), '__I__');
  }
  const title = d.code === 'invalid-role' ? `Remove "${doc.getText(d.range)}"` : `Fix ${d.code}`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [d];
  action.isPreferred = d.code === 'invalid-role';
  return action;
}

function format(doc) {
  const lines = doc.getText().split('\n');
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j < lines.length && lines[j].startsWith('|')) j++;
    if (j === i) continue;
    const rows = lines.slice(i, j).map((l) => cells(l).map((c) => c.raw.trim()));
    const width = rows[0].map((_, k) => Math.max(3, ...rows.map((r) => (/^-+$/.test(r[k] ?? '') ? 0 : (r[k] ?? '').length))));
    rows.forEach((r, n) => {
      lines[i + n] = `| ${width.map((w, k) => (n === 1 ? '-'.repeat(w) : (r[k] ?? '').padEnd(w))).join(' | ')} |`;
    });
    i = j;
  }
  const text = lines.join('\n');
  return text === doc.getText() ? [] : [vscode.TextEdit.replace(new vscode.Range(0, 0, doc.lineCount, 0), text)];
}

/** Tables (runs of `|` lines) with at least one role cell. */
function matrices(doc) {
  let count = 0;
  let inTable = false;
  let counted = false;
  for (let line = 0; line < doc.lineCount; line++) {
    const row = cells(doc.lineAt(line).text);
    if (!row) {
      inTable = false;
      continue;
    }
    if (!inTable) {
      inTable = true;
      counted = false;
    }
    if (!counted && row.some((c) => CELL.test(c.raw.trim()))) {
      count++;
      counted = true;
    }
  }
  return count;
}

exports.activate = (context) => {
  const md = { language: 'markdown' };
  const collection = vscode.languages.createDiagnosticCollection('raci');
  const status = vscode.languages.createLanguageStatusItem('raci.status', md);
  const show = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    const n = matrices(doc);
    const errors = (collection.get(doc.uri) ?? []).length;
    status.text = [n === 1 ? 'RACI: 1 matrix' : `RACI: ${n} matrices`, ...(errors ? [`${errors} errors`] : [])].join(' · ');
    status.severity = errors ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.command = { title: 'Show Overview', command: 'raci.showOverview' };
  };
  const refresh = (doc) => {
    if (doc.languageId === 'markdown') {
      collection.set(doc.uri, lint(doc));
      show();
    }
  };
  context.subscriptions.push(status, vscode.window.onDidChangeActiveTextEditor(show));
  vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.languages.registerCodeActionsProvider(md, {
      provideCodeActions: (doc, _range, ctx) => ctx.diagnostics.filter((d) => d.source === 'raci').map((d) => fix(doc, d)),
    }),
    vscode.languages.registerHoverProvider(md, {
      provideHover: (doc, pos) => {
        const ch = doc.lineAt(pos.line).text[pos.character];
        return NAMES[ch] ? new vscode.Hover(`**${ch}**: ${NAMES[ch]}`) : undefined;
      },
    }),
    vscode.languages.registerCompletionItemProvider(md, {
      provideCompletionItems: (doc, pos) =>
        doc.lineAt(pos.line).text.startsWith('|')
          ? Object.entries(NAMES).map(([k, v]) =>
              Object.assign(new vscode.CompletionItem(k, vscode.CompletionItemKind.EnumMember), { detail: v }),
            )
          : [],
    }),
    vscode.languages.registerDocumentFormattingEditProvider(md, { provideDocumentFormattingEdits: format }),
  );
  return { status };
};
exports.deactivate = () => {};
