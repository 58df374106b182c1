import * as l10n from '@vscode/l10n';
import { finding, type MatrixRule } from './rule';

/** A party that holds no role in any activity of its matrix (a matrix of section titles only says nothing). */
export const unusedParty: MatrixRule = {
  id: 'unused-party',
  checkMatrix(matrix, { usedParties, activities }, ctx) {
    if (activities === 0) return;
    matrix.parties.forEach((party, index) => {
      if (usedParties.has(index)) return;
      ctx.report(
        finding(
          'unused-party',
          { start: party.header.contentStart, end: party.header.contentEnd },
          l10n.t('{0} holds no role in any activity of this matrix.', party.name),
          { parties: [party.name] },
        ),
      );
    });
  },
};
