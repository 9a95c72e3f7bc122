import Table from 'cli-table3';
import { cellText, columnsOf, isFlat, valueAt } from './cells.js';

/** Gap between columns. */
const GAP = 2;

const BORDERLESS = {
  chars: {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: '',
  },
  style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP, compact: true },
};

export interface TableLayout {
  columns: string[];
  widths: number[];
  /** Columns left out because the terminal is too narrow. */
  hidden: string[];
}

/**
 * Chooses columns and widths from the first rows: the `fields` asked for, else every flat column
 * that fits `maxWidth` (nested ones come last and are the first to go); cells longer than `maxCell`
 * end with `…`.
 */
export function layoutFor(
  rows: readonly unknown[],
  fields: readonly string[] | undefined,
  limits: { maxWidth: number; maxCell: number },
): TableLayout {
  const { maxWidth, maxCell } = limits;
  const candidates = fields ?? columnsOf(rows);
  const columns: string[] = [];
  const widths: number[] = [];
  const hidden: string[] = [];
  let used = 0;
  for (const column of candidates) {
    const longest = Math.max(column.length, ...rows.map((row) => cellText(valueAt(row, column)).length));
    const width = Math.min(longest, Math.max(maxCell, column.length)) + GAP;
    const nestedOnly = fields === undefined && rows.every((row) => !isFlat(valueAt(row, column)));
    if (columns.length > 0 && (used + width > maxWidth || nestedOnly)) {
      hidden.push(column);
      continue;
    }
    columns.push(column);
    widths.push(width);
    used += width;
  }
  return { columns, widths, hidden };
}

/** Renders rows with a layout; `header` only for the first chunk of a stream. */
export function renderRows(rows: readonly unknown[], layout: TableLayout, header: boolean): string {
  const table = new Table({
    ...BORDERLESS,
    head: header ? layout.columns : [],
    colWidths: layout.widths,
    wordWrap: false,
  });
  for (const row of rows) table.push(layout.columns.map((column) => cellText(valueAt(row, column))));
  return `${table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** One object as two columns: field and value. */
export function renderObject(record: Record<string, unknown>, fields: readonly string[] | undefined): string {
  const keys = fields ?? Object.keys(record).filter((k) => record[k] !== undefined);
  const width = Math.max(...keys.map((k) => k.length)) + GAP;
  return `${keys.map((key) => `${key.padEnd(width)}${cellText(valueAt(record, key))}`.trimEnd()).join('\n')}\n`;
}
