/**
 * The translated message bundles, imported as JSON so that esbuild inlines them into
 * every bundle (Node server, web worker, CLI): no file is read at run time. Keys are
 * the English strings passed to `l10n.t`; English itself needs no bundle.
 */
import * as l10n from '@vscode/l10n';
import de from '../../../l10n/bundle.l10n.de.json';
import es from '../../../l10n/bundle.l10n.es.json';
import fr from '../../../l10n/bundle.l10n.fr.json';
import it from '../../../l10n/bundle.l10n.it.json';

/** English, French, German, Spanish and Italian: the languages the schemes and the manifest speak. */
export const BUNDLES: Readonly<Record<string, Readonly<Record<string, string>>>> = { de, es, fr, it };

/** The bundle for a locale such as `fr`, `fr-CA`, `de_DE.UTF-8`; none for English and unknown languages. */
export function bundleFor(locale: string | undefined): Readonly<Record<string, string>> | undefined {
  const language = (locale ?? '').toLowerCase().split(/[-_.@]/)[0];
  return Object.hasOwn(BUNDLES, language) ? BUNDLES[language] : undefined;
}

/** Makes `l10n.t` answer in the locale's language, or in English when there is no bundle for it. */
export function useLocale(locale: string | undefined): void {
  l10n.config({ contents: { ...bundleFor(locale) } });
}
