import type { DocumentModel } from '../engine';

const LAYOUTS: Record<string, string> = {
  rows: 'activities as rows',
  numbered: 'activities as rows after an ID column',
  transposed: 'transposed: parties as rows',
  'per-activity': 'one table per activity',
  'role-columns': 'one column per role, parties named in the cells',
};

/**
 * What `--list-matrices` prints for one file: each matrix found with how it was read, and
 * each table that looks like one but was not read, so that a user can check what the
 * linter saw (a table it did not read says nothing otherwise).
 */
export function listMatrices(model: DocumentModel, file: string): string {
  const lines = [file];
  const line = (offset: number) => model.lines.positionAt(offset).line + 1;
  const documentScheme = model.legend.length > 0 ? `legend (${model.roles.order.join(', ')})` : model.scheme.id;
  const entries: { at: number; text: string }[] = model.matrices.map((matrix) => {
    const activities = matrix.activities.filter((a) => !a.section);
    const parties = matrix.parties.map((p) => p.name).join(', ');
    const scheme = matrix.roles?.inferred ? `${matrix.roles.inferred} (inferred from its letters)` : documentScheme;
    return {
      at: matrix.table.start,
      text: `  ${line(matrix.table.start)}: ${LAYOUTS[matrix.layout ?? 'rows']}; ${scheme}; ${activities.length} activities (${activities
        .map((a) => a.name)
        .join(', ')}) × ${matrix.parties.length} parties (${parties})`,
    };
  });
  for (const finding of model.findings) {
    if (finding.ruleId === 'unread-matrix') entries.push({ at: finding.start, text: `  ${line(finding.start)}: ${finding.message}` });
  }
  entries.sort((a, b) => a.at - b.at);
  if (entries.length === 0) lines.push('  no matrix');
  for (const entry of entries) lines.push(entry.text);
  return lines.join('\n') + '\n';
}
