import { DEFAULT_SETTINGS, validateConfig, type RaciSettings } from '../engine';

/**
 * The `raci` section as the client sends it, checked value by value: a wrong type
 * falls back to the default instead of reaching the engine.
 */
export function settingsFromClient(value: unknown, locale: string): RaciSettings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { config } = validateConfig({
    ...(raw.scheme !== undefined && { scheme: raw.scheme }),
    ...(raw.rules !== undefined && raw.rules !== null && { rules: raw.rules }),
    ...(raw.maxAccountable !== undefined && { maxAccountable: raw.maxAccountable }),
  });
  return {
    ...DEFAULT_SETTINGS,
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    scheme: config.scheme ?? DEFAULT_SETTINGS.scheme,
    rules: config.rules ?? {},
    maxAccountable: config.maxAccountable ?? DEFAULT_SETTINGS.maxAccountable,
    maxDocumentSize:
      typeof raw.maxDocumentSize === 'number' && raw.maxDocumentSize > 0 ? raw.maxDocumentSize : DEFAULT_SETTINGS.maxDocumentSize,
    locale,
  };
}
