import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan } from '../domain/cells';
import { cellEdit, replaceToken } from './fixes';
import { finding, type TokenRule } from './rule';

/** A valid code written in lower case (`ra` for `RA`). */
export const lowercaseRole: TokenRule = {
  id: 'lowercase-role',
  checkToken({ row, assignment, token }, ctx) {
    if (token.form !== 'lowercase' || !ctx.roles.codes.has(token.code)) return;
    const { cell } = assignment;
    ctx.report(
      finding(
        'lowercase-role',
        tokenSpan(cell, token),
        l10n.t('"{0}" is written in lower case; role codes are capital letters ("{1}").', token.raw, token.code),
        { activity: row.activity.name, parties: [row.partyName(assignment)], code: token.code },
        // A cell too long for its fixes to be worth their cost (see MAX_FIXED_CELL) gets none.
        fixableCell(assignment.parsed, cell.contentEnd - cell.contentStart)
          ? [
              {
                title: l10n.t('Write "{0}" in upper case', token.raw),
                edits: [cellEdit(ctx.source, cell, replaceToken(ctx.source, cell, token, token.code))],
                safe: true,
                preferred: true,
              },
            ]
          : [],
      ),
    );
  },
};
