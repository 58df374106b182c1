import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan } from '../domain/cells';
import { cellEdit, removeTokenAt } from './fixes';
import { cellContent, finding, type TokenRule } from './rule';

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
                    removeTokenAt(cellContent(ctx.source, assignment), assignment.parsed.tokens, assignment.parsed.tokens.indexOf(token)),
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
