/** The engine's public surface: pure analysis, no editor or Node APIs. */
export { createRaciService, RULES_DOC, type RaciService, type RaciServiceOptions } from './service';
export { analyze, type DocumentModel } from './analysis';
export { applyEdits, fixAllText, FIX_ALL_KIND } from './codeActions';
export { DEFAULT_SETTINGS, DEFAULT_SEVERITY, mergeConfig, parseConfigText, validateConfig, type RaciConfig, type RaciSettings } from './settings';
export { SCHEMES, SCHEME_IDS, type SchemeId } from './schemes';
export { LineIndex, type PositionEncoding } from './positions';
export { RULE_IDS, type Finding, type Fix, type RaciDocument, type RuleId, type Severity, type SeveritySetting, type TextEdit } from './types';
export { getOverview, type Overview, type OverviewActivity, type OverviewCell, type OverviewFinding, type OverviewMatrix } from './overview';
export { warmUpSteps } from './warmUp';
export { drain } from './steps';
export { sourceOf, type Source } from './source';
