import * as l10n from '@vscode/l10n';
import { contentSpan, finding, type RowRule } from './rule';

/** An activity with no role at all. */
export const emptyRow: RowRule = {
  id: 'empty-row',
  checkRow(row, ctx) {
    if (row.activity.section || !row.empty) return;
    const name = row.activity.name;
    ctx.report(
      finding(
        'empty-row',
        contentSpan(row.activity),
        l10n.t('Activity "{0}" has no role at all: nobody does, approves or hears of it.', name),
        { activity: name },
      ),
    );
  },
};
