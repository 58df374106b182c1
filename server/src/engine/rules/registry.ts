/**
 * Every rule's identity, in one place: its id, default severity and descriptions. The
 * manifest's `raci.rules` setting, the JSON schema, the SARIF rule descriptors and the
 * rules tables of README.md and docs/rules.md are generated from this list
 * (`npm run generate`; a test fails when they are out of date). Translations of the
 * settings' descriptions live in package.nls*.json under `config.rules.<id>`.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One sentence: the settings' and the schema's description, and SARIF's shortDescription. */
  readonly description: string;
  /** A few words for the rules tables. */
  readonly summary: string;
}

export const RULES = [
  {
    id: 'invalid-role',
    defaultSeverity: 'error',
    description: 'A cell holds something that is not a role code of the scheme.',
    summary: "a token that is not a code of the document's scheme or legend",
  },
  {
    id: 'undefined-role',
    defaultSeverity: 'warning',
    description:
      'A letter is used throughout a matrix (3 times or more, in 2 activities or more) but neither the legend nor the scheme defines it.',
    summary: 'a letter used throughout a matrix but defined nowhere: one finding for the matrix',
  },
  {
    id: 'lookalike-character',
    defaultSeverity: 'error',
    description: 'A role code is written with a look-alike letter from another script, such as Cyrillic А for A.',
    summary: 'a code written with a non-Latin look-alike letter',
  },
  {
    id: 'missing-accountable',
    defaultSeverity: 'error',
    description: 'An activity has no Accountable party.',
    summary: 'an activity with no A',
  },
  {
    id: 'multiple-accountable',
    defaultSeverity: 'error',
    description: 'An activity has more Accountable parties than maxAccountable allows.',
    summary: 'A in more than one party (maximum configurable)',
  },
  {
    id: 'missing-responsible',
    defaultSeverity: 'warning',
    description: 'An activity has no Responsible party: nobody does the work.',
    summary: 'an activity with no R',
  },
  {
    id: 'duplicate-role',
    defaultSeverity: 'warning',
    description: 'A cell holds the same role code twice.',
    summary: 'the same code twice in one cell',
  },
  {
    id: 'lowercase-role',
    defaultSeverity: 'info',
    description: 'A role code is written in lower case.',
    summary: '`ra` for `RA`',
  },
  {
    id: 'row-shape',
    defaultSeverity: 'warning',
    description: 'A row has more or fewer cells than the header.',
    summary: 'more cells than the header (GitHub drops them) or fewer',
  },
  {
    id: 'empty-row',
    defaultSeverity: 'warning',
    description: 'An activity has no role at all.',
    summary: 'an activity with no role at all',
  },
  {
    id: 'duplicate-activity',
    defaultSeverity: 'warning',
    description: 'An activity appears twice in one matrix.',
    summary: 'the same activity twice in one matrix',
  },
  {
    id: 'unused-party',
    defaultSeverity: 'hint',
    description: 'A party holds no role in any activity of the matrix.',
    summary: 'a party with no role in any row of its matrix',
  },
  {
    id: 'translation-drift',
    defaultSeverity: 'warning',
    description: 'A cell of a translation holds other codes than the same cell of the source.',
    summary: "a translation's cell says other codes than its source's",
  },
  {
    id: 'translation-missing-matrix',
    defaultSeverity: 'warning',
    description: 'A matrix of the source is missing from a translation, or a translation has a matrix the source lacks.',
    summary: 'a matrix in the source and not in a translation, or the reverse',
  },
  {
    id: 'translation-missing-row',
    defaultSeverity: 'warning',
    description: 'A row of the source is missing from a translation, or a translation has a row the source lacks.',
    summary: 'a row in the source and not in a translation, or the reverse',
  },
  {
    id: 'ambiguous-role',
    defaultSeverity: 'warning',
    description:
      'A word that means R in some documents and A in others ("Responsable") is used with nothing in the document to decide which.',
    summary: 'French "Responsable" with no legend or other word to say whether it is R or A',
  },
  {
    id: 'unread-matrix',
    defaultSeverity: 'info',
    description: 'A table looks like a responsibility matrix but no layout reads it.',
    summary: 'a table that looks like a matrix but is not read, and why',
  },
] as const satisfies readonly RuleMeta[];

export type RuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

export const DEFAULT_SEVERITY = Object.fromEntries(RULES.map((rule) => [rule.id, rule.defaultSeverity])) as Record<RuleId, Severity>;

export function ruleMeta(id: RuleId): RuleMeta {
  return RULES.find((rule) => rule.id === id)!;
}
