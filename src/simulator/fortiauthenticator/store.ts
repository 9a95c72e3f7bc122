/** Rows of one collection resource, numbered from 1 in creation order. */

/**
 * One stored object. `data` holds the field values as given (plus private values under keys that
 * start with `_`, which are never rendered); `parent` is the owning object of a sub-resource row.
 */
export interface Row {
  readonly id: number;
  readonly parent: number | undefined;
  data: Record<string, unknown>;
}

export class Collection {
  readonly #rows = new Map<number, Row>();
  #nextId = 1;

  get size(): number {
    return this.#rows.size;
  }

  insert(data: Record<string, unknown>, parent?: number): Row {
    const row: Row = { id: this.#nextId++, parent, data };
    this.#rows.set(row.id, row);
    return row;
  }

  /** The row with this id (below `parent`, for a sub-resource). */
  get(id: number, parent?: number): Row | undefined {
    const row = this.#rows.get(id);
    return row && row.parent === parent ? row : undefined;
  }

  delete(id: number): boolean {
    return this.#rows.delete(id);
  }

  /** Every row (below `parent`, for a sub-resource), in id order. */
  rows(parent?: number): Row[] {
    const out: Row[] = [];
    for (const row of this.#rows.values()) if (row.parent === parent) out.push(row);
    return out;
  }

  /** Every row, whatever its parent. */
  all(): IterableIterator<Row> {
    return this.#rows.values();
  }

  /** The first row (below `parent`) whose `field` equals `value`. */
  find(field: string, value: unknown, parent?: number): Row | undefined {
    for (const row of this.#rows.values()) {
      if (row.parent === parent && row.data[field] === value) return row;
    }
    return undefined;
  }
}
