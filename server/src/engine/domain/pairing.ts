/**
 * Which document is a translation of which, by the conventions of the documentation
 * tools people publish with. Paths are '/'-separated and relative (to the working
 * directory or the workspace folder); nothing here reads a disk, so the CLI, the
 * language server and the web worker pair the same way.
 */

/** `.raci.json`'s `"translations"`: which language is the source, and a path pattern for other layouts. */
export interface TranslationSettings {
  /** The source's language code (`fr`); by default the unmarked version (`docs/X`, `X.md`, root), else `en`. */
  source?: string;
  /**
   * A path template with `{lang}` and `{path}`, e.g. `manuals/{lang}/{path}` or
   * `{path}.{lang}.md`: the file for language L of document P. The source is the same
   * template with the source's language.
   */
  pattern?: string;
}

export interface TranslationPair {
  source: string;
  translation: string;
  /** The translation's language. */
  language: string;
  convention: 'pattern' | 'docusaurus' | 'suffix' | 'folder';
}

/** ISO 639-1 codes: a folder or suffix must be one of them to mark a language (not `api/`, `ops/`). */
const LANGUAGES = new Set(
  (
    'aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ' +
    'ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt ' +
    'lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm ' +
    'sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/** `fr`, `pt-BR`, `zh_Hans`, `de-ch`: a known language, optionally with a region or script. */
export function isLanguageTag(tag: string): boolean {
  const [language, region, more] = tag.split(/[-_]/);
  if (more !== undefined || !LANGUAGES.has(language)) return false;
  return region === undefined || /^(?:[A-Za-z]{2}|[A-Z][a-z]{3}|\d{3})$/.test(region);
}

function primary(tag: string): string {
  return tag.split(/[-_]/)[0].toLowerCase();
}

const DOCUSAURUS = /^(.*?)i18n\/([^/]+)\/docusaurus-plugin-content-docs\/current\/(.+)$/;
const SUFFIXED = /^(.+)\.([^./]+)\.(md|markdown|mdx)$/;

/**
 * Where the source of `file` would be, by each convention, most specific first; the
 * first that exists is its source. None when `file` is itself in the source language.
 */
export function sourceCandidates(
  file: string,
  settings: TranslationSettings = {},
): { path: string; language: string; convention: TranslationPair['convention'] }[] {
  const source = settings.source;
  const isSource = (tag: string) => source !== undefined && primary(tag) === primary(source);
  const out: { path: string; language: string; convention: TranslationPair['convention'] }[] = [];
  const pattern = settings.pattern ? compilePattern(settings.pattern) : undefined;
  if (pattern) {
    const found = pattern.match(file);
    if (found && isLanguageTag(found.language)) {
      if (source === undefined || isSource(found.language)) return [];
      return [{ path: found.with(source), language: found.language, convention: 'pattern' }];
    }
  }
  const docusaurus = DOCUSAURUS.exec(file);
  if (docusaurus && isLanguageTag(docusaurus[2])) {
    if (isSource(docusaurus[2])) return [];
    out.push({ path: `${docusaurus[1]}docs/${docusaurus[3]}`, language: docusaurus[2], convention: 'docusaurus' });
  }
  const suffixed = SUFFIXED.exec(file);
  if (suffixed && isLanguageTag(suffixed[2])) {
    if (isSource(suffixed[2])) return [];
    const [, stem, language, extension] = suffixed;
    if (source !== undefined) out.push({ path: `${stem}.${source}.${extension}`, language, convention: 'suffix' });
    out.push({ path: `${stem}.${extension}`, language, convention: 'suffix' });
  }
  const segments = file.split('/');
  for (let index = 0; index < segments.length - 1; index++) {
    const language = segments[index];
    if (!isLanguageTag(language)) continue;
    if (isSource(language)) return out;
    const before = segments.slice(0, index);
    const after = segments.slice(index + 1);
    out.push({ path: [...before, source ?? 'en', ...after].join('/'), language, convention: 'folder' });
    // VitePress, Starlight, Nextra: the default locale sits at the root, the others in a folder.
    out.push({ path: [...before, ...after].join('/'), language, convention: 'folder' });
  }
  return out;
}

/** The translation pairs among `files`: each translation with the source it translates. */
export function pairTranslations(files: Iterable<string>, settings: TranslationSettings = {}): TranslationPair[] {
  const known = new Set(files);
  const pairs: TranslationPair[] = [];
  for (const file of known) {
    const found = sourceCandidates(file, settings).find((candidate) => candidate.path !== file && known.has(candidate.path));
    if (found) pairs.push({ source: found.path, translation: file, language: found.language, convention: found.convention });
  }
  return pairs.sort((a, b) => (a.translation < b.translation ? -1 : a.translation > b.translation ? 1 : 0));
}

/**
 * A `{lang}`/`{path}` template as a matcher: anchored at the end of the path and at a
 * folder boundary, with one wildcard part, so matching stays linear.
 */
function compilePattern(
  template: string,
): { match(file: string): { language: string; with(language: string): string } | undefined } | undefined {
  const parts = template.split(/(\{lang\}|\{path\})/);
  if (parts.filter((part) => part === '{lang}').length !== 1 || parts.filter((part) => part === '{path}').length !== 1) return undefined;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = parts
    .map((part) => (part === '{lang}' ? '([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?)' : part === '{path}' ? '(.+)' : escape(part)))
    .join('');
  const regex = new RegExp(`(?:^|/)${source}$`);
  const langFirst = parts.indexOf('{lang}') < parts.indexOf('{path}');
  return {
    match(file) {
      const found = regex.exec(file);
      if (!found) return undefined;
      const language = langFirst ? found[1] : found[2];
      const rest = langFirst ? found[2] : found[1];
      const prefix = file.slice(0, found.index + (found[0].startsWith('/') ? 1 : 0));
      return {
        language,
        with: (other) => prefix + parts.map((part) => (part === '{lang}' ? other : part === '{path}' ? rest : part)).join(''),
      };
    },
  };
}
