// The ES module build: the UMD one (the package's main) requires its parts by computed names, which the bundle cannot follow.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { RULE_IDS, type RuleId, type SeveritySetting } from '../model';
import { DEFAULT_SEVERITY } from '../rules/registry';
import { findScheme, SCHEME_IDS } from './schemes';
import { isLanguageTag, type TranslationSettings } from './pairing';

export { DEFAULT_SEVERITY };

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
  /** Which documents translate which (`.raci.json` only): see pairing.ts. */
  translations?: TranslationSettings;
}

/** The shape of `.raci.json` and of the `raci:` key in front matter. */
export interface RaciConfig {
  scheme?: string;
  rules?: Partial<Record<RuleId, SeveritySetting>>;
  maxAccountable?: number;
  translations?: TranslationSettings;
}

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
      translations: config.translations ?? merged.translations,
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
        if (!(RULE_IDS as readonly string[]).includes(rule)) problems.push(`unknown rule ${quotedName(rule)}`);
        else if (typeof severity !== 'string' || !SEVERITIES.includes(severity))
          problems.push(`rule "${rule}": severity must be one of ${SEVERITIES.join(', ')}`);
        else config.rules[rule as RuleId] = severity as SeveritySetting;
      }
    } else if (key === 'translations') {
      const translations = validateTranslations(val, problems);
      if (translations) config.translations = translations;
    } else {
      problems.push(`unknown key ${quotedName(key)}`);
    }
  }
  return { config, problems };
}

function validateTranslations(value: unknown, problems: string[]): TranslationSettings | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('"translations" must be an object such as { "source": "fr" }');
    return undefined;
  }
  const out: TranslationSettings = {};
  for (const [key, val] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'source') {
      if (typeof val === 'string' && isLanguageTag(val)) out.source = val;
      else problems.push('"translations.source" must be a language code such as "fr" or "pt-BR"');
    } else if (key === 'pattern') {
      if (typeof val === 'string' && val.split('{lang}').length === 2 && val.split('{path}').length === 2) out.pattern = val;
      else problems.push('"translations.pattern" must be a path with {lang} and {path} once each, such as "manuals/{lang}/{path}"');
    } else problems.push(`unknown key ${quotedName(`translations.${key}`)}`);
  }
  if (out.pattern !== undefined && out.source === undefined)
    problems.push('"translations.pattern" needs "translations.source": the language of the source');
  return out;
}

/**
 * A key of the file in a message: a name such as a setting's ("schem", "rulez") is quoted,
 * so the user sees the typo; anything else (long, spaces, symbols) could be a secret of a
 * file that is not a configuration at all, and is not.
 */
function quotedName(name: string): string {
  return /^[A-Za-z][\w.-]{0,39}$/.test(name) ? `"${name}"` : '(a name that is not a setting)';
}

/**
 * Parses the text of a `.raci.json`; a syntax error is a problem, not an exception. The
 * problem says where the error is, never what is there: a `.raci.json` may be a link to
 * another file, and messages go to terminals, CI logs and SARIF uploads.
 */
export function parseConfigText(text: string): { config: RaciConfig; problems: string[] } {
  let value: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    value = JSON.parse(body);
  } catch {
    return { config: {}, problems: [`invalid JSON${whereJsonFails(body)}`] };
  }
  return validateConfig(value);
}

/** " at line L, column C" of the first syntax error (JSON.parse's own message quotes the text). */
function whereJsonFails(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const offset = errors[0]?.offset;
  if (offset === undefined) return '';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return ` at line ${line}, column ${offset - lineStart + 1}`;
}
