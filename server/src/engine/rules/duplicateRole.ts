import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan, type CodeToken } from '../domain/cells';
import { cellEdit, removeTokens } from './fixes';
import { cellContent, finding, type TokenRule } from './rule';

/**
 * Every copy of `token`'s code after the first, in one cell: the fix of any one of them takes
 * them all out (`R, R, R` → `R`), so that fixing a cell takes one edit, and fix-all one pass,
 * however many copies it holds.
 */
function repeatsOf(tokens: readonly CodeToken[], token: CodeToken): (candidate: CodeToken) => boolean {
  const first = tokens.find((t) => t.code === token.code && t.form !== 'ambiguous');
  return (candidate) => candidate !== first && candidate.code === token.code && candidate.form !== 'ambiguous';
}

/** The same code twice in one cell (`R, R`). */
export const duplicateRole: TokenRule = {
  id: 'duplicate-role',
  checkToken({ row, assignment, token, repeated }, ctx) {
    if (!repeated) return;
    const party = row.partyName(assignment);
    ctx.report(
      finding(
        'duplicate-role',
        tokenSpan(assignment.cell, token),
        l10n.t('"{0}" is written twice in the cell of {1} for activity "{2}".', token.code, party, row.activity.name),
        { activity: row.activity.name, parties: [party], code: token.code },
        // A cell too long for its fixes to be worth their cost (see MAX_FIXED_CELL) gets none.
        fixableCell(assignment.parsed, assignment.cell.contentEnd - assignment.cell.contentStart)
          ? [
              {
                title: l10n.t('Remove the duplicate "{0}"', token.raw),
                edits: [
                  cellEdit(
                    ctx.source,
                    assignment.cell,
                    removeTokens(cellContent(ctx.source, assignment), assignment.parsed, repeatsOf(assignment.parsed.tokens, token)),
                  ),
                ],
                safe: true,
                preferred: true,
              },
            ]
          : [],
      ),
    );
  },
};
