/** The engine's public surface: pure analysis, no editor or Node APIs. */
export { createRaciService, RULES_DOC, type RaciService, type RaciServiceOptions } from './service';
export { analyze, type DocumentModel } from './analyze';
export { applyEdits, fixAllText, FIX_ALL_KIND } from './features/codeActions';
export {
  DEFAULT_SETTINGS,
  DEFAULT_SEVERITY,
  mergeConfig,
  parseConfigText,
  validateConfig,
  type RaciConfig,
  type RaciSettings,
} from './domain/settings';
export { SCHEMES, SCHEME_IDS, type SchemeId } from './domain/schemes';
export { LineIndex, type PositionEncoding } from './text/positions';
export { RULES, type RuleMeta } from './rules/registry';
export {
  RULE_IDS,
  type Finding,
  type Fix,
  type RaciDocument,
  type RuleId,
  type Severity,
  type SeveritySetting,
  type TextEdit,
} from './model';
export {
  getOverview,
  type Overview,
  type OverviewActivity,
  type OverviewCell,
  type OverviewFinding,
  type OverviewMatrix,
} from './features/overview';
export { drain } from './incremental/steps';
export { sourceOf, splicePieces, type Source } from './text/source';
export { pairTranslations, sourceCandidates } from './domain/pairing';
export { checkTranslation, type TranslationFinding } from './features/translations';
export { responsibilityChanges, type MatrixChanges, type ResponsibilityChange } from './features/changes';
