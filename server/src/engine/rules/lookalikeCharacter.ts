import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan } from '../domain/cells';
import { cellEdit, replaceToken } from './fixes';
import { finding, type TokenRule } from './rule';

/** A code written with a letter from another script that looks Latin (Cyrillic А, Greek Ι…). */
export const lookalikeCharacter: TokenRule = {
  id: 'lookalike-character',
  checkToken({ row, assignment, token }, ctx) {
    if (token.form !== 'lookalike') return;
    const { cell } = assignment;
    ctx.report(
      finding(
        'lookalike-character',
        tokenSpan(cell, token),
        l10n.t(
          '"{0}" (U+{1}) is not the Latin letter {2}: it comes from another script and no tool will read it as {2}.',
          token.raw,
          token.raw.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'),
          token.code,
        ),
        { activity: row.activity.name, parties: [row.partyName(assignment)], code: token.code },
        // A cell too long for its fixes to be worth their cost (see MAX_FIXED_CELL) gets none.
        fixableCell(assignment.parsed, cell.contentEnd - cell.contentStart)
          ? [
              {
                title: l10n.t('Replace look-alike "{0}" with Latin "{1}"', token.raw, token.code),
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
