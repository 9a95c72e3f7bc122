import { describe, expect, it } from 'vitest';
import { Table } from '../../../src/simulator/fortimanager/store/table.js';

const names = (table: Table) => table.toArray().map((row) => row.name);

describe('simulator Table', () => {
  it('keeps rows in order, by key and by position, through inserts, moves and removals', () => {
    const table = new Table(
      'name',
      ['a', 'b', 'c', 'd'].map((name) => ({ name })),
    );
    table.insert({ name: 'x' }, { key: 'b', before: true });
    table.move('d', 'a', true);
    expect(names(table)).toEqual(['d', 'a', 'x', 'b', 'c']);
    expect(table.at(2)).toEqual({ name: 'x' });
    expect(table.at(5)).toBeUndefined();
    expect(table.remove('x')).toBe(true);
    expect(table.remove('x')).toBe(false);
    expect(table.removeAll(['c', 'nope', 'd'])).toEqual(['c', 'd']);
    expect(names(table)).toEqual(['a', 'b']);
    expect([...table.rows()].map((row) => row.name)).toEqual(['a', 'b']);
    expect(table.size).toBe(2);
  });

  it('replaces a row in its place, under its new key when the write renames it', () => {
    const table = new Table(
      'name',
      ['a', 'b', 'c'].map((name) => ({ name, v: 1 })),
    );
    expect(table.replace('b', { name: 'b', v: 2 })).toBe('b');
    expect(table.replace('a', { name: 'z', v: 3 })).toBe('z');
    expect(table.toArray()).toEqual([
      { name: 'z', v: 3 },
      { name: 'b', v: 2 },
      { name: 'c', v: 1 },
    ]);
    expect(table.has('a')).toBe(false);
    expect(table.get('z')).toEqual({ name: 'z', v: 3 });
    expect(() => table.replace('gone', { name: 'gone' })).toThrow(/no row under gone/);
  });

  it('a copy is written apart from the table it was copied from (a workspace lock)', () => {
    const table = new Table(
      'name',
      ['a', 'b'].map((name) => ({ name, v: 1 })),
    );
    const copy = table.clone();
    copy.replace('a', { name: 'a', v: 2 });
    copy.replace('b', { name: 'c', v: 1 });
    copy.insert({ name: 'd' });
    expect(table.toArray()).toEqual([
      { name: 'a', v: 1 },
      { name: 'b', v: 1 },
    ]);
    expect(table.get('a')).toEqual({ name: 'a', v: 1 });
    expect(names(copy)).toEqual(['a', 'c', 'd']);
    table.replace('a', { name: 'a', v: 9 });
    expect(copy.get('a')).toEqual({ name: 'a', v: 2 });
  });
});
