import * as l10n from '@vscode/l10n';
import { missingRoleFixes, undecided } from './roleFixes';
import { contentSpan, finding, type RowRule } from './rule';

/** An activity that nobody does: one fix per party, the Accountable first. */
export const missingResponsible: RowRule = {
  id: 'missing-responsible',
  checkRow(row, ctx) {
    const responsible = ctx.roles.responsible[0];
    // An empty row already says nobody does the work (empty-row): one warning for it is enough.
    if (row.activity.section || !responsible || row.empty || row.responsible.length > 0 || undecided(row.activity)) return;
    const { activity } = row;
    const accountable = row.accountable;
    const title = (party: string) => l10n.t('Make {0} responsible', party);
    const fixes = missingRoleFixes(row, ctx, responsible, title, accountable);
    ctx.report(
      finding(
        'missing-responsible',
        contentSpan(activity),
        l10n.t('Activity "{0}" has no Responsible ({1}): no party does the work.', activity.name, responsible),
        { activity: activity.name, code: responsible },
        fixes,
      ),
    );
  },
};
