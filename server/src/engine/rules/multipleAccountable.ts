import * as l10n from '@vscode/l10n';
import { fixableCell, tokenSpan } from '../domain/cells';
import { cellEdit } from './fixes';
import { keepOnly, withoutAccountable } from './roleFixes';
import { contentSpan, finding, type RowRule } from './rule';

/**
 * More holders than this and "make X the only accountable" is no longer a quick choice:
 * each of its fixes edits every other holder's cell, so their number grows as the square.
 */
const MAX_KEEP_ONE_FIXES = 20;

/** More Accountables than `maxAccountable` allows: one fix per holder, keeping that one. */
export const multipleAccountable: RowRule = {
  id: 'multiple-accountable',
  checkRow(row, ctx) {
    const accountable = ctx.roles.accountable[0];
    const holders = row.accountable;
    if (row.activity.section || !accountable || holders.length <= ctx.maxAccountable) return;
    const name = row.activity.name;
    const parties = holders.map((holder) => row.partyName(holder));
    const multiple = finding(
      'multiple-accountable',
      contentSpan(row.activity),
      l10n.t(
        'Activity "{0}" has {1} Accountables ({2}): at most {3} party may hold {4}.',
        name,
        holders.length,
        parties.join(', '),
        ctx.maxAccountable,
        accountable,
      ),
      { activity: name, parties, code: accountable },
      // More holders than MAX_KEEP_ONE_FIXES, or a cell too long for fixes (MAX_FIXED_CELL): no fix.
      ctx.fixes === false ||
        holders.length > MAX_KEEP_ONE_FIXES ||
        !holders.every((h) => fixableCell(h.parsed, h.cell.contentEnd - h.cell.contentStart))
        ? []
        : holders.map((keep) => ({
            title: l10n.t('Make {0} the only accountable', row.partyName(keep)),
            safe: false,
            edits: row.activity.roleCells
              ? keepOnly(ctx.source, row.activity, keep, accountable)
              : holders
                  .filter((other) => other !== keep)
                  .map((other) =>
                    cellEdit(
                      ctx.source,
                      other.cell,
                      withoutAccountable(ctx.source.slice(other.cell.contentStart, other.cell.contentEnd), other, ctx.roles),
                    ),
                  ),
          })),
    );
    // Each offending A is marked too, linked to the others (see Finding.related). In a
    // role-column matrix the A is the column itself, and the activity's mark says it all.
    if (!row.activity.roleCells)
      multiple.related = holders.flatMap((holder) =>
        holder.parsed.tokens
          .filter((t) => t.form !== 'lookalike' && ctx.roles.accountable.includes(t.code))
          .map((t) => ({
            span: tokenSpan(holder.cell, t),
            message: l10n.t(
              '{0} holds {1} here; activity "{2}" has {3} Accountables.',
              row.partyName(holder),
              t.code,
              name,
              holders.length,
            ),
            marked: true,
          })),
      );
    ctx.report(multiple);
  },
};
