import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import { cellText, columnsOf, pick, valueAt } from './cells.js';
import type { OutputFormat } from './formats.js';
import { compileQuery, type Query } from './query.js';
import type { TableLayout } from './table.js';

/** How a command prints: the format, the columns and a JMESPath query over the result. */
export interface Output {
  readonly format: OutputFormat;
  /** Columns (`--fields`); for table output, else the command's default columns, else automatic. */
  readonly fields: readonly string[] | undefined;
  readonly query: Query | undefined;
}

/** Rows a table measures before it starts streaming; later rows keep those widths. */
const TABLE_SAMPLE = 100;

/**
 * The output settings of a run: `-o` (default: a table on a terminal, JSON when piped), `--fields`
 * (else `defaultColumns` for tables) and `--query`.
 */
export async function outputOf(command: Command, defaultColumns?: readonly string[]): Promise<Output> {
  const opts = command.optsWithGlobals() as { output?: OutputFormat; fields?: string[]; query?: string };
  const format = opts.output ?? (process.stdout.isTTY ? 'table' : 'json');
  const fields = opts.fields ?? (format === 'table' || format === 'csv' ? defaultColumns : undefined);
  const query = opts.query === undefined ? undefined : await compileQuery(opts.query);
  return { format, fields: fields && [...fields], query };
}

/** Prints one result (an object, a list or a scalar). */
export async function printValue(value: unknown, output: Output): Promise<void> {
  const shaped = output.query ? output.query.apply(value) : value;
  if (shaped === undefined) return;
  if (Array.isArray(shaped)) {
    await printStream(toAsync(shaped), { ...output, query: undefined });
    return;
  }
  const selected = isRecord(shaped) && output.fields ? pick(shaped, output.fields) : shaped;
  switch (output.format) {
    case 'json':
      return write(`${JSON.stringify(selected, null, 2)}\n`);
    case 'jsonl':
      return write(`${JSON.stringify(selected)}\n`);
    case 'yaml':
      return write(await yaml(selected));
    case 'csv':
      return write(await csv(isRecord(selected) ? [selected] : [{ value: selected }], undefined, true));
    case 'table': {
      if (!isRecord(selected)) return write(`${String(selected)}\n`);
      const { renderObject } = await import('./table.js');
      return write(renderObject(selected, undefined));
    }
  }
}

/**
 * Prints a list as it arrives: JSON, JSON lines, YAML and CSV row by row; a table measures its
 * first rows and streams the rest with those widths. A `--query` needs the whole list, except with
 * `-o jsonl`, where it applies to each item. Returns the number of items.
 */
export async function printStream(items: AsyncIterable<unknown>, output: Output): Promise<number> {
  if (output.query && output.format !== 'jsonl') {
    const all: unknown[] = [];
    for await (const item of items) all.push(item);
    await printValue(all, output);
    return all.length;
  }
  const select = (item: unknown) => (output.fields && isRecord(item) ? pick(item, output.fields) : item);
  const printer = streamPrinter(output);
  let count = 0;
  for await (const item of items) {
    const shaped = output.query ? output.query.apply(item) : item;
    if (shaped === undefined || shaped === null) continue;
    await printer.item(select(shaped));
    count++;
  }
  await printer.end();
  if (count === 0 && output.format === 'table') process.stderr.write('(nothing found)\n');
  return count;
}

interface StreamPrinter {
  item(item: unknown): Promise<void>;
  end(): Promise<void>;
}

function streamPrinter(output: Output): StreamPrinter {
  let first = true;
  switch (output.format) {
    case 'json':
      return {
        async item(item) {
          const text = JSON.stringify(item, null, 2).replaceAll('\n', '\n  ');
          await write(`${first ? '[\n  ' : ',\n  '}${text}`);
          first = false;
        },
        end: () => write(first ? '[]\n' : '\n]\n'),
      };
    case 'jsonl':
      return { item: (item) => write(`${JSON.stringify(item)}\n`), end: async () => {} };
    case 'yaml':
      return {
        async item(item) {
          first = false;
          await write(await yaml([item]));
        },
        end: () => (first ? write('[]\n') : Promise.resolve()),
      };
    case 'csv':
      return csvPrinter(output.fields);
    case 'table':
      return tablePrinter(output.fields);
  }
}

/** Collects a few rows before printing (tables need widths; CSV needs its header). */
function batched(flush: (rows: unknown[], header: boolean) => Promise<void>): StreamPrinter {
  let rows: unknown[] = [];
  let header = true;
  const drain = async () => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    await flush(chunk, header);
    header = false;
  };
  return {
    async item(item) {
      rows.push(item);
      if (rows.length >= TABLE_SAMPLE) await drain();
    },
    end: drain,
  };
}

function tablePrinter(fields: readonly string[] | undefined): StreamPrinter {
  let layout: TableLayout | undefined;
  return batched(async (rows, header) => {
    const { layoutFor, renderRows } = await import('./table.js');
    if (layout === undefined) {
      const tty = process.stdout.isTTY === true;
      layout = layoutFor(rows, fields, {
        maxWidth: tty ? (process.stdout.columns ?? 120) : Number.POSITIVE_INFINITY,
        maxCell: tty ? 48 : Number.POSITIVE_INFINITY,
      });
      const { hidden } = layout;
      if (hidden.length > 0) {
        const names = `${hidden.slice(0, 6).join(', ')}${hidden.length > 6 ? ', …' : ''}`;
        process.stderr.write(`(${hidden.length} more columns: ${names}; choose with --fields, or -o json)\n`);
      }
    }
    await write(renderRows(rows, layout, header));
  });
}

/** CSV rows; the columns of a stream are those of its first rows. */
function csvPrinter(fields: readonly string[] | undefined): StreamPrinter {
  let columns = fields;
  return batched(async (rows, header) => {
    columns ??= columnsOf(rows);
    await write(await csv(rows, columns, header));
  });
}

async function yaml(value: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(value, { lineWidth: 0 });
}

async function csv(
  rows: readonly unknown[],
  fields: readonly string[] | undefined,
  header: boolean,
): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  const columns = fields ?? columnsOf(rows);
  const records = rows.map((row) => columns.map((column) => cellText(valueAt(row, column))));
  return stringify(records, { header, columns: [...columns] });
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Writes to stdout, waiting when the pipe is full (bounded memory for long lists). */
export function write(text: string): Promise<void> {
  if (process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}
