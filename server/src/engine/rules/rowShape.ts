import * as l10n from '@vscode/l10n';
import { finding, type RowRule } from './rule';

/** A row with more cells than the header (GitHub drops them) or fewer (nothing is said for some parties). */
export const rowShape: RowRule = {
  id: 'row-shape',
  checkRow({ matrix, activity }, ctx) {
    const expected = matrix.table.rows[0].cells.length;
    const cells = activity.row.cells;
    if (cells.length > expected) {
      const extra = cells.slice(expected);
      const lost = extra.map((cell) => ctx.source.slice(cell.contentStart, cell.contentEnd)).filter(Boolean);
      ctx.report(
        finding(
          'row-shape',
          {
            start: extra[0].start - 1,
            end: extra[extra.length - 1].end + (ctx.source.charCodeAt(extra[extra.length - 1].end) === 124 ? 1 : 0),
          },
          l10n.t(
            'This row has {0} cells but the header has {1}: GitHub drops the extra cells when rendering ({2}).',
            cells.length,
            expected,
            lost.length > 0 ? lost.join(', ') : l10n.t('empty'),
          ),
          { activity: activity.name },
        ),
      );
    } else if (cells.length < expected && !activity.section) {
      const last = cells[cells.length - 1];
      const missing = matrix.table.rows[0].cells
        .slice(cells.length)
        .map((header) => ctx.source.slice(header.contentStart, header.contentEnd).trim() || '?');
      const closed = ctx.source.charCodeAt(last.end) === 124;
      const addition = (closed ? '' : ' |') + '  |'.repeat(expected - cells.length);
      ctx.report(
        finding(
          'row-shape',
          { start: activity.row.start, end: activity.row.end },
          l10n.t('This row has {0} cells but the header has {1}: nothing is said for {2}.', cells.length, expected, missing.join(', ')),
          { activity: activity.name, parties: missing },
          [
            {
              title: l10n.t('Add the missing cells'),
              edits: [{ start: activity.row.end, end: activity.row.end, newText: addition }],
              safe: false,
              preferred: true,
            },
          ],
        ),
      );
    }
  },
};
