import * as l10n from '@vscode/l10n';
import { contentSpan, finding, type MatrixRule } from './rule';

/** The same activity twice in one matrix (case and spacing ignored). */
export const duplicateActivity: MatrixRule = {
  id: 'duplicate-activity',
  checkMatrix(_matrix, { repeated }, ctx) {
    for (const { activity, first } of repeated) {
      const duplicate = finding(
        'duplicate-activity',
        contentSpan(activity),
        l10n.t('Activity "{0}" appears more than once in this matrix.', activity.name),
        { activity: activity.name },
      );
      // Where the first one is goes in `related`, not in the message: a table's findings
      // are cached by its text and must not depend on where the table stands.
      duplicate.related = [{ span: contentSpan(first), message: l10n.t('First occurrence of "{0}"', first.name) }];
      ctx.report(duplicate);
    }
  },
};
