import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan } from '../domain/cells';
import type { Fix } from '../model';
import { cellEdit, closeCodes, removeTokenAt, replaceToken } from './fixes';
import { cellContent, finding, validList, type CellRule, type TokenRule } from './rule';

/** A cell of prose, or a code that is not one of the scheme's or the legend's. */
export const invalidRole: TokenRule & CellRule = {
  id: 'invalid-role',
  checkText(row, assignment, ctx) {
    const { cell } = assignment;
    const party = row.partyName(assignment);
    const text = ctx.source.slice(cell.contentStart, cell.contentEnd);
    ctx.report(
      finding(
        'invalid-role',
        { start: cell.contentStart, end: cell.contentEnd },
        l10n.t('"{0}" is not a role code (activity "{1}", {2}); valid codes: {3}.', text, row.activity.name, party, validList(ctx.roles)),
        { activity: row.activity.name, parties: [party], code: text },
      ),
    );
  },
  checkToken({ row, assignment, token }, ctx) {
    // A look-alike letter has its own rule, which says what it imitates.
    if (token.form === 'lookalike' || ctx.roles.codes.has(token.code)) return;
    const { cell, parsed } = assignment;
    const party = row.partyName(assignment);
    // A cell too long for its fixes to be worth their cost (see MAX_FIXED_CELL) gets none.
    const fixable = fixableCell(parsed, cell.contentEnd - cell.contentStart);
    // The codes the row lacks rank the replacements first; rankFixes orders them by what they leave.
    const fixes: Fix[] = !fixable
      ? []
      : closeCodes(token.raw, ctx.roles, row.missing).map((code) => ({
          title: l10n.t('Replace "{0}" with "{1}"', token.raw, code),
          edits: [cellEdit(ctx.source, cell, replaceToken(ctx.source, cell, token, code))],
          safe: false,
        }));
    // The letter may be a slip with nothing meant in its place.
    if (fixable) {
      fixes.push({
        title: l10n.t('Remove "{0}"', token.raw),
        edits: [
          cellEdit(ctx.source, cell, removeTokenAt(cellContent(ctx.source, assignment), parsed.tokens, parsed.tokens.indexOf(token))),
        ],
        safe: false,
      });
    }
    ctx.report(
      finding(
        'invalid-role',
        tokenSpan(cell, token),
        l10n.t(
          '"{0}" is not a role code (activity "{1}", {2}); valid codes: {3}.',
          token.raw,
          row.activity.name,
          party,
          validList(ctx.roles),
        ),
        { activity: row.activity.name, parties: [party], code: token.raw },
        fixes,
      ),
    );
  },
};
