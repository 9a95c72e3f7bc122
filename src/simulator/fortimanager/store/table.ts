/** A stored object. Rows are never mutated in place: writes replace them (cheap workspace copies). */
export type Row = Readonly<Record<string, unknown>>;

/** The key of a row in a table whose primary key is `mkey` (`_scope`: `name/vdom` of the first scope). */
export function rowKey(row: Row, mkey: string | null): string | undefined {
  if (mkey === null) return undefined;
  if (mkey === '_scope') {
    const scope = row._scope;
    const first = Array.isArray(scope) ? (scope[0] as Record<string, unknown> | undefined) : undefined;
    return first ? `${String(first.name)}/${String(first.vdom ?? '')}` : undefined;
  }
  const value = row[mkey];
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * An ordered, keyed table: O(1) lookup by key and O(page) reads of a range of rows in table order,
 * which is what `range` paging over a 200,000-row table needs.
 */
export class Table {
  readonly mkey: string | null;
  #rows = new Map<string, Row>();
  #order: string[] = [];
  #maxInt = 0;
  #anonymous = 0;

  constructor(mkey: string | null, rows: Iterable<Row> = []) {
    this.mkey = mkey;
    for (const row of rows) this.insert(row);
  }

  get size(): number {
    return this.#order.length;
  }

  /** Highest integer key seen, so that the next auto-assigned key is `maxIntKey + 1`. */
  get maxIntKey(): number {
    return this.#maxInt;
  }

  get(key: string): Row | undefined {
    return this.#rows.get(key);
  }

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  at(index: number): Row | undefined {
    const key = this.#order[index];
    return key === undefined ? undefined : this.#rows.get(key);
  }

  *rows(): IterableIterator<Row> {
    for (const key of this.#order) yield this.#rows.get(key)!;
  }

  toArray(): Row[] {
    return this.#order.map((key) => this.#rows.get(key)!);
  }

  /** Adds a row at the end, or before/after `anchor`. The caller checks the key is free. */
  insert(row: Row, anchor?: { key: string; before: boolean }): string {
    const key = this.#keyFor(row);
    this.#rows.set(key, row);
    const numeric = Number(key);
    if (Number.isInteger(numeric) && numeric > this.#maxInt) this.#maxInt = numeric;
    const index = anchor ? this.#order.indexOf(anchor.key) : -1;
    if (index < 0) this.#order.push(key);
    else this.#order.splice(anchor?.before ? index : index + 1, 0, key);
    return key;
  }

  /** Replaces the row stored under `key`, keeping its position; the new row may carry a new key. */
  replace(key: string, row: Row): string {
    const newKey = this.#keyFor(row, key);
    this.#rows.set(newKey, row);
    if (newKey !== key) {
      this.#rows.delete(key);
      const index = this.#order.indexOf(key);
      if (index >= 0) this.#order[index] = newKey;
    }
    return newKey;
  }

  remove(key: string): boolean {
    if (!this.#rows.delete(key)) return false;
    const index =
      key === this.#order[this.#order.length - 1] ? this.#order.length - 1 : this.#order.indexOf(key);
    this.#order.splice(index, 1);
    return true;
  }

  /**
   * Removes the rows under `keys` and returns the keys that were there, in the order given: one
   * pass over the table's order for all of them (deleting a whole table row by row is quadratic).
   */
  removeAll(keys: Iterable<string>): string[] {
    const removed: string[] = [];
    for (const key of keys) if (this.#rows.delete(key)) removed.push(key);
    if (removed.length > 0) {
      const gone = new Set(removed);
      this.#order = this.#order.filter((key) => !gone.has(key));
    }
    return removed;
  }

  move(key: string, target: string, before: boolean): void {
    this.#order.splice(this.#order.indexOf(key), 1);
    const index = this.#order.indexOf(target);
    this.#order.splice(before ? index : index + 1, 0, key);
  }

  clear(): void {
    this.#rows.clear();
    this.#order = [];
  }

  /** A copy sharing the (immutable) rows. */
  clone(): Table {
    const copy = new Table(this.mkey);
    copy.#rows = new Map(this.#rows);
    copy.#order = this.#order.slice();
    copy.#maxInt = this.#maxInt;
    copy.#anonymous = this.#anonymous;
    return copy;
  }

  /** Appends many new rows without per-row checks (bulk seeding). */
  appendUnchecked(rows: readonly Row[]): void {
    for (const row of rows) {
      const key = this.#keyFor(row);
      this.#rows.set(key, row);
      this.#order.push(key);
    }
  }

  #keyFor(row: Row, fallback?: string): string {
    return rowKey(row, this.mkey) ?? fallback ?? `#${++this.#anonymous}`;
  }
}
