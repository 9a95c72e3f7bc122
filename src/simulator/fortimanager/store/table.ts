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

/** A row where the table keeps it: its key and the row stored under it now. */
interface Slot {
  key: string;
  row: Row;
}

/**
 * An ordered, keyed table: O(1) lookup by key and O(page) reads of a range of rows in table order,
 * which is what `range` paging over a 200,000-row table needs. The order holds each row's slot
 * itself, so that reading rows in order is an array walk, not a key lookup per row; a write
 * replaces the row in its slot (a table's copy has slots of its own).
 */
export class Table {
  readonly mkey: string | null;
  #slots = new Map<string, Slot>();
  #order: Slot[] = [];
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
    return this.#slots.get(key)?.row;
  }

  has(key: string): boolean {
    return this.#slots.has(key);
  }

  at(index: number): Row | undefined {
    return this.#order[index]?.row;
  }

  *rows(): IterableIterator<Row> {
    for (const slot of this.#order) yield slot.row;
  }

  toArray(): Row[] {
    return this.#order.map((slot) => slot.row);
  }

  /** Adds a row at the end, or before/after `anchor`. The caller checks the key is free. */
  insert(row: Row, anchor?: { key: string; before: boolean }): string {
    const key = this.#keyFor(row);
    const slot: Slot = { key, row };
    this.#slots.set(key, slot);
    const numeric = Number(key);
    if (Number.isInteger(numeric) && numeric > this.#maxInt) this.#maxInt = numeric;
    const index = anchor ? this.#indexOf(anchor.key) : -1;
    if (index < 0) this.#order.push(slot);
    else this.#order.splice(anchor?.before ? index : index + 1, 0, slot);
    return key;
  }

  /** Replaces the row stored under `key` (the caller checks there is one), keeping its position; the new row may carry a new key. */
  replace(key: string, row: Row): string {
    const newKey = this.#keyFor(row, key);
    const slot = this.#slots.get(key);
    if (!slot) throw new Error(`no row under ${key} to replace`);
    slot.row = row;
    if (newKey !== key) {
      this.#slots.delete(key);
      slot.key = newKey;
      this.#slots.set(newKey, slot);
    }
    return newKey;
  }

  remove(key: string): boolean {
    const slot = this.#slots.get(key);
    if (!slot) return false;
    this.#slots.delete(key);
    const last = this.#order.length - 1;
    this.#order.splice(this.#order[last] === slot ? last : this.#order.indexOf(slot), 1);
    return true;
  }

  /**
   * Removes the rows under `keys` and returns the keys that were there, in the order given: one
   * pass over the table's order for all of them (deleting a whole table row by row is quadratic).
   */
  removeAll(keys: Iterable<string>): string[] {
    const removed: string[] = [];
    const gone = new Set<Slot>();
    for (const key of keys) {
      const slot = this.#slots.get(key);
      if (!slot) continue;
      this.#slots.delete(key);
      gone.add(slot);
      removed.push(key);
    }
    if (gone.size > 0) this.#order = this.#order.filter((slot) => !gone.has(slot));
    return removed;
  }

  move(key: string, target: string, before: boolean): void {
    const [slot] = this.#order.splice(this.#indexOf(key), 1);
    const index = this.#indexOf(target);
    this.#order.splice(before ? index : index + 1, 0, slot!);
  }

  clear(): void {
    this.#slots.clear();
    this.#order = [];
  }

  /** A copy sharing the (immutable) rows, in slots of its own. */
  clone(): Table {
    const copy = new Table(this.mkey);
    copy.#order = this.#order.map(({ key, row }) => ({ key, row }));
    for (const slot of copy.#order) copy.#slots.set(slot.key, slot);
    copy.#maxInt = this.#maxInt;
    copy.#anonymous = this.#anonymous;
    return copy;
  }

  /** Appends many new rows without per-row checks (bulk seeding). */
  appendUnchecked(rows: readonly Row[]): void {
    for (const row of rows) {
      const slot: Slot = { key: this.#keyFor(row), row };
      this.#slots.set(slot.key, slot);
      this.#order.push(slot);
    }
  }

  /** Where the row under `key` is in the order (-1: not stored). */
  #indexOf(key: string): number {
    const slot = this.#slots.get(key);
    return slot ? this.#order.indexOf(slot) : -1;
  }

  #keyFor(row: Row, fallback?: string): string {
    return rowKey(row, this.mkey) ?? fallback ?? `#${++this.#anonymous}`;
  }
}
