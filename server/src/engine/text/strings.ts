/**
 * A copy of `text` that does not keep the document alive. V8 makes `slice()` of a long
 * string a view into it, and a view keeps the whole string: an activity name or a
 * message kept in a cache from one version to the next would keep that version's
 * whole text, once per keystroke in a large document. What is cached across
 * versions goes through here. Short strings are copied by V8 anyway.
 *
 * The JSON round trip gives a flat string of its own; the usual `(' ' + text).slice(1)`
 * gives a view again, into a copy, and that view costs as much as the copy: with the
 * names of an 11,000-row table, a tenth of the model.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The same for every string in a JSON-like value (findings, their data and fixes). */
export function detachAll<T>(value: T): T {
  if (typeof value === 'string') return detach(value) as T;
  if (Array.isArray(value)) return value.map(detachAll) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = detachAll(item);
    return copy as T;
  }
  return value;
}
