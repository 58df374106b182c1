import * as l10n from '@vscode/l10n';
import { missingRoleFixes, undecided } from './roleFixes';
import { contentSpan, finding, type RowRule } from './rule';

/** An activity with no Accountable: one fix per party, the one doing the work (R) first. */
export const missingAccountable: RowRule = {
  id: 'missing-accountable',
  checkRow(row, ctx) {
    const accountable = ctx.roles.accountable[0];
    if (row.activity.section || !accountable || row.accountable.length > 0 || undecided(row.activity)) return;
    const { activity } = row;
    const responsible = row.responsible;
    const title = (party: string) => l10n.t('Make {0} accountable', party);
    const fixes = missingRoleFixes(row, ctx, accountable, title, responsible);
    ctx.report(
      finding(
        'missing-accountable',
        contentSpan(activity),
        l10n.t('Activity "{0}" has no Accountable ({1}): exactly one party must approve it.', activity.name, accountable),
        { activity: activity.name, code: accountable },
        fixes,
      ),
    );
  },
};
