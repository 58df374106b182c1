/**
 * The markdown-it plugin behind the coloured role codes of the Markdown preview.
 * Pure (no vscode): the engine decides which tables are matrices and where the
 * codes are; the plugin wraps each code of a party cell in
 * `<span class="raci-code raci-A">`, leaving every character of the text as it was.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { analyze, DEFAULT_SETTINGS, type DocumentModel, type RaciSettings } from '../../../server/src/engine';

type Matrix = DocumentModel['matrices'][number];
type CodeToken = Matrix['activities'][number]['assignments'][number]['parsed']['tokens'][number];

export interface RaciPreviewOptions {
  /** The settings for the document being rendered; `env` is markdown-it's render env. */
  settings?: (env: unknown) => RaciSettings;
}

export function raciPreviewPlugin(md: MarkdownIt, options: RaciPreviewOptions = {}): void {
  let last: { key: string; model: DocumentModel } | undefined;
  const modelOf = (src: string, settings: RaciSettings): DocumentModel => {
    const key = `${JSON.stringify(settings)}\u0000${src}`;
    if (last?.key !== key) last = { key, model: analyze(src, settings) };
    return last.model;
  };

  md.core.ruler.push('raci_codes', (state: StateCore) => {
    const settings = options.settings?.(state.env) ?? DEFAULT_SETTINGS;
    if (!settings.enable || !/\|/.test(state.src)) return;
    const model = modelOf(state.src, settings);
    if (model.matrices.length === 0) return;
    const byLine = new Map(model.matrices.map((matrix) => [model.lines.lineOf(matrix.table.start), matrix]));
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i];
      if (open.type !== 'table_open' || !open.map) continue;
      const matrix = byLine.get(open.map[0]);
      if (matrix) i = decorateTable(state, matrix, model, i);
    }
  });
}

/** Walks one table's tokens from its `table_open`; returns the index of its `table_close`. */
function decorateTable(state: StateCore, matrix: Matrix, model: DocumentModel, from: number): number {
  const tokens = state.tokens;
  const rows = new Map(matrix.activities.map((activity) => [model.lines.lineOf(activity.row.start), activity]));
  const partyOfColumn = new Map(matrix.parties.map((party, index) => [party.column, index]));
  let activity: Matrix['activities'][number] | undefined;
  let column = -1;
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'table_open') depth++;
    else if (token.type === 'table_close' && --depth === 0) return i;
    if (depth !== 1) continue;
    if (token.type === 'tr_open') {
      activity = token.map ? rows.get(token.map[0]) : undefined;
      column = -1;
    } else if (token.type === 'td_open') {
      column++;
    } else if (token.type === 'inline' && activity && column >= 0 && token.children) {
      const party = partyOfColumn.get(column);
      const assignment = party === undefined ? undefined : activity.assignments.find((a) => a.party === party);
      if (assignment?.parsed.kind === 'codes') {
        token.children = wrapCodes(state, token.children, assignment.parsed.tokens, model);
      }
    }
  }
  return tokens.length;
}

/**
 * Finds the codes, in order, in the cell's rendered text and code spans and wraps
 * each one. A code that cannot be found as written (an entity, a typographic
 * replacement) is left undecorated rather than guessed.
 */
function wrapCodes(state: StateCore, children: Token[], codes: CodeToken[], model: DocumentModel): Token[] {
  const out: Token[] = [];
  let next = 0;
  for (const child of children) {
    if (next >= codes.length || (child.type !== 'text' && child.type !== 'code_inline')) {
      out.push(child);
      continue;
    }
    const pieces: Token[] = [];
    const content = child.content;
    let at = 0;
    while (next < codes.length) {
      const code = codes[next];
      const found = content.indexOf(code.raw, at);
      if (found < 0) break;
      if (found > at) pieces.push(text(state, content.slice(at, found)));
      pieces.push(...wrapped(state, code, model));
      at = found + code.raw.length;
      next++;
    }
    if (at === 0 && pieces.length === 0) {
      out.push(child);
      continue;
    }
    if (at < content.length) pieces.push(text(state, content.slice(at)));
    if (child.type === 'code_inline') {
      const codeOpen = new state.Token('raci_code_inline_open', 'code', 1);
      codeOpen.attrs = child.attrs;
      codeOpen.markup = child.markup;
      out.push(codeOpen, ...pieces, new state.Token('raci_code_inline_close', 'code', -1));
    } else out.push(...pieces);
  }
  return out;
}

function wrapped(state: StateCore, code: CodeToken, model: DocumentModel): Token[] {
  const role = code.form === 'lookalike' ? undefined : model.roles.codes.get(code.code);
  const open = new state.Token('raci_code_open', 'span', 1);
  open.attrSet('class', role ? `raci-code raci-${code.code} raci-kind-${role.kind}` : 'raci-code raci-invalid');
  if (role) open.attrSet('title', role.name ? `${code.code}: ${role.name}` : code.code);
  return [open, text(state, code.raw), new state.Token('raci_code_close', 'span', -1)];
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}
