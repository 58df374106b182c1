/**
 * What the analyses of one document remember from one version to the next about the
 * objects they made (pieces of rows, tables, runs of activities): owned by the document's
 * cache in the service that analyses it, so two services, or two documents, never share
 * or corrupt each other's state, and everything goes when the document is forgotten.
 *
 * Each module that remembers something declares its own slot (`slot<Key, Value>()`), so
 * this layer knows nothing of what is kept; entries are held by their key objects only
 * (WeakMaps), and go when the versions that made those objects are dropped.
 */
export interface Slot<K extends object, V> {
  readonly name: string;
  /** Carries the types; never set. */
  readonly types?: (key: K) => V;
}

export function slot<K extends object, V>(name: string): Slot<K, V> {
  return { name };
}

export class Memo {
  private readonly tables = new Map<Slot<object, unknown>, WeakMap<object, unknown>>();

  of<K extends object, V>(which: Slot<K, V>): WeakMap<K, V> {
    let table = this.tables.get(which as Slot<object, unknown>);
    if (!table) this.tables.set(which as Slot<object, unknown>, (table = new WeakMap()));
    return table as WeakMap<K, V>;
  }
}
