import { RULE_IDS, type RuleId, type Severity, type SeveritySetting } from './types';
import { findScheme, SCHEME_IDS } from './schemes';

/** What the server pulls from `workspace/configuration` and the CLI builds from its flags. */
export interface RaciSettings {
  enable: boolean;
  /** A built-in scheme id; the document's legend or front matter may still override it. */
  scheme: string;
  rules: Partial<Record<RuleId, SeveritySetting>>;
  maxAccountable: number;
  /** Locale of the reader, for messages and for code names when the document has no legend. */
  locale: string;
  /** Above this many characters a document is not analysed (the editor must stay responsive). */
  maxDocumentSize: number;
}

/** The shape of `.raci.json` and of the `raci:` key in front matter. */
export interface RaciConfig {
  scheme?: string;
  rules?: Partial<Record<RuleId, SeveritySetting>>;
  maxAccountable?: number;
}

export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'invalid-role': 'error',
  'lookalike-character': 'error',
  'missing-accountable': 'error',
  'multiple-accountable': 'error',
  'missing-responsible': 'warning',
  'duplicate-role': 'warning',
  'lowercase-role': 'info',
  'row-shape': 'warning',
  'empty-row': 'warning',
  'duplicate-activity': 'warning',
  'unused-party': 'hint',
};

export const DEFAULT_SETTINGS: RaciSettings = {
  enable: true,
  scheme: 'RACI',
  rules: {},
  maxAccountable: 1,
  locale: 'en',
  maxDocumentSize: 5 * 1024 * 1024,
};

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Later configs win; unknown or ill-typed values were already dropped by `validateConfig`. */
export function mergeConfig(settings: RaciSettings, ...configs: (RaciConfig | undefined)[]): RaciSettings {
  let merged = settings;
  for (const config of configs) {
    if (!config) continue;
    merged = {
      ...merged,
      scheme: config.scheme ?? merged.scheme,
      maxAccountable: config.maxAccountable ?? merged.maxAccountable,
      rules: { ...merged.rules, ...config.rules },
    };
  }
  return merged;
}

export function severityOf(settings: RaciSettings, rule: RuleId): SeveritySetting {
  return settings.rules[rule] ?? DEFAULT_SEVERITY[rule];
}

/**
 * Checks an untrusted value (parsed JSON or YAML) against the config shape and
 * keeps only the valid parts, so one typo does not throw away the whole file.
 */
export function validateConfig(value: unknown): { config: RaciConfig; problems: string[] } {
  const problems: string[] = [];
  const config: RaciConfig = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config, problems: ['expected an object such as { "scheme": "RACI" }'] };
  }
  for (const [key, val] of Object.entries(value as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'scheme') {
      if (typeof val === 'string' && findScheme(val)) config.scheme = val;
      else problems.push(`"scheme" must be one of ${SCHEME_IDS.join(', ')}`);
    } else if (key === 'maxAccountable') {
      if (typeof val === 'number' && Number.isInteger(val) && val >= 1) config.maxAccountable = val;
      else problems.push('"maxAccountable" must be a whole number of at least 1');
    } else if (key === 'rules') {
      if (typeof val !== 'object' || val === null || Array.isArray(val)) {
        problems.push('"rules" must be an object mapping rule ids to severities');
        continue;
      }
      config.rules = {};
      for (const [rule, severity] of Object.entries(val as Record<string, unknown>)) {
        if (!(RULE_IDS as readonly string[]).includes(rule)) problems.push(`unknown rule "${rule}"`);
        else if (typeof severity !== 'string' || !SEVERITIES.includes(severity))
          problems.push(`rule "${rule}": severity must be one of ${SEVERITIES.join(', ')}`);
        else config.rules[rule as RuleId] = severity as SeveritySetting;
      }
    } else {
      problems.push(`unknown key "${key}"`);
    }
  }
  return { config, problems };
}

/** Parses the text of a `.raci.json`; a syntax error is a problem, not an exception. */
export function parseConfigText(text: string): { config: RaciConfig; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: {}, problems: [`invalid JSON: ${(error as Error).message}`] };
  }
  return validateConfig(value);
}
