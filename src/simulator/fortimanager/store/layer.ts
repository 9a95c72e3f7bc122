import { type Row, Table } from './table.js';

/** What is stored under one container path: a table or a singleton object. */
export type Container =
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'object'; row: Row };

/**
 * A set of containers keyed by their canonical path. The committed database is a root layer; a
 * workspace lock owns a child layer that copies a container on its first write, so that a commit
 * applies the copies and an unlock without commit drops them.
 */
export class Layer {
  readonly #parent: Layer | undefined;
  /** `null` marks a container deleted in this layer. */
  readonly #own = new Map<string, Container | null>();

  constructor(parent?: Layer) {
    this.#parent = parent;
  }

  /** Containers changed in this layer (always 0 for the root). */
  get changes(): number {
    return this.#parent ? this.#own.size : 0;
  }

  get(key: string): Container | undefined {
    const own = this.#own.get(key);
    if (own !== undefined) return own ?? undefined;
    return this.#parent?.get(key);
  }

  /** The table stored under `key`, copied into this layer first, or created empty. */
  tableForWrite(key: string, mkey: string | null): Table {
    const own = this.#own.get(key);
    if (own?.kind === 'table') return own.table;
    const inherited = own === null ? undefined : this.#parent?.get(key);
    const table = inherited?.kind === 'table' ? inherited.table.clone() : new Table(mkey);
    this.#own.set(key, { kind: 'table', table });
    return table;
  }

  setObject(key: string, row: Row): void {
    this.#own.set(key, { kind: 'object', row });
  }

  remove(key: string): void {
    if (this.#parent) this.#own.set(key, null);
    else this.#own.delete(key);
  }

  /** Removes every container whose path starts with `prefix` (cascading deletes). */
  removePrefix(prefix: string): void {
    for (const key of this.keys()) if (key.startsWith(prefix)) this.remove(key);
  }

  /** Keys of every container visible through this layer. */
  keys(): string[] {
    const keys = new Set(this.#parent?.keys());
    for (const [key, container] of this.#own) {
      if (container === null) keys.delete(key);
      else keys.add(key);
    }
    return [...keys];
  }

  /** Applies this layer's changes (those whose path passes `filter`) to its parent and forgets them. */
  commit(filter: (key: string) => boolean = () => true): void {
    const parent = this.#parent;
    if (!parent) return;
    for (const [key, container] of this.#own) {
      if (!filter(key)) continue;
      if (container === null) parent.remove(key);
      else parent.#own.set(key, container);
      this.#own.delete(key);
    }
  }

  /** Drops this layer's changes whose path passes `filter`. */
  discard(filter: (key: string) => boolean = () => true): void {
    for (const key of [...this.#own.keys()]) if (filter(key)) this.#own.delete(key);
  }

  /** Moves this layer's changes whose path passes `filter` into `other` (a lock absorbing another). */
  transferTo(other: Layer, filter: (key: string) => boolean = () => true): void {
    for (const [key, container] of this.#own) {
      if (!filter(key)) continue;
      other.#own.set(key, container);
      this.#own.delete(key);
    }
  }
}
