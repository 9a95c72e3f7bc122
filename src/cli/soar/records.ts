import type { Command } from 'commander';
import { isRecord } from '../../core/guards.js';
import { agg, type Filter, type Operator, QUERY_OPERATORS, type Query, q } from '../../fortisoar/index.js';
import { EXIT } from '../exit.js';
import { readData } from '../input.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { progressBar } from '../progress.js';
import { integer, keyValue, list, UsageError } from '../usage.js';
import { withSoar } from './connect.js';

/** Records per request of a bulk write; the bar moves once per chunk. */
const BULK_CHUNK = 100;

interface ListFlags {
  filter?: Record<string, string>;
  search?: string;
  orderBy?: string[];
  page?: number;
  pageSize?: number;
  all?: boolean;
  deleted?: boolean;
}

/** `fortix soar records ...` and `fortix soar query ...`. */
export function registerRecords(soar: Command): void {
  const records = soar
    .command('records')
    .description('records of any module: alerts, incidents, indicators, ...');
  records
    .command('list')
    .description('one page of records, or every one (streamed) with --all')
    .argument('<module>', 'e.g. alerts')
    .option(
      '--filter <field=value>',
      "query-string filter, repeatable: 'status.itemValue=Open', 'name$like=%phish%'",
      keyValue,
    )
    .option('--search <text>', 'free-text search')
    .option('--order-by <fields>', 'sort: -createDate,name', list)
    .option('--page <n>', 'page (default 1)', integer(1))
    .option('--page-size <n>', 'records per page', integer(1))
    .option('--all', 'every matching record, page after page')
    .option('--deleted', 'include the recycle bin')
    .action(async (module: string, flags: ListFlags, command: Command) => {
      const output = await outputOf(command, ['uuid', 'name', 'createDate']);
      const fields = command.optsWithGlobals().fields as string[] | undefined;
      await withSoar(command, async (soar, signal) => {
        const options = {
          filter: flags.filter,
          search: flags.search,
          orderBy: flags.orderBy,
          page: flags.page,
          pageSize: flags.pageSize,
          showDeleted: flags.deleted,
          fields,
          signal,
        };
        const handle = soar.records(module);
        if (flags.all) await printStream(handle.iterate(options), output);
        else await printValue((await handle.list(options)).items, output);
      });
    });
  records
    .command('get')
    .description('one record')
    .argument('<module>')
    .argument('<uuid>')
    .option('--relationships', 'include to-many relationships as IRI lists')
    .action(async (module: string, uuid: string, flags: { relationships?: boolean }, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(
          await soar.records(module).get(uuid, { relationships: flags.relationships, signal }),
          output,
        ),
      );
    });
  for (const [verb, description] of [
    ['create', 'create a record; a list in --data inserts each (bulk, one result per record)'],
    ['upsert', 'create or update by the module unique keys; a list upserts each'],
  ] as const) {
    records
      .command(verb)
      .description(description)
      .argument('<module>')
      .requiredOption('-d, --data <json>', 'inline JSON, @file.json, @file.yaml or -')
      .action(async (module: string, flags: { data: string }, command: Command) => {
        const data = await readData(flags.data, '--data');
        const output = await outputOf(command, ['index', 'ok', 'uuid', 'error']);
        await withSoar(command, async (soar, signal) => {
          const handle = soar.records(module);
          if (!Array.isArray(data)) {
            const reply =
              verb === 'create'
                ? await handle.create(record(data), { signal })
                : await handle.upsert(record(data), { signal });
            return printValue(reply, output);
          }
          const bar = progressBar(module, data.length);
          const rows: Array<Record<string, unknown>> = [];
          try {
            for (let start = 0; start < data.length; start += BULK_CHUNK) {
              const chunk = data.slice(start, start + BULK_CHUNK).map(record);
              const result =
                verb === 'create'
                  ? await handle.bulkInsert(chunk, { signal })
                  : await handle.bulkUpsert(chunk, { signal });
              for (const item of result.items) {
                rows.push({
                  index: item.index === undefined ? undefined : start + item.index,
                  ok: item.ok,
                  uuid: !item.ok ? undefined : 'record' in item ? item.record.uuid : item.uuid,
                  error: item.ok ? undefined : item.error,
                });
              }
              bar.increment(chunk.length);
            }
          } finally {
            bar.stop();
          }
          await printValue(rows, output);
          if (rows.some((r) => !r.ok)) process.exitCode = EXIT.api;
        });
      });
  }
  records
    .command('update')
    .description('change the given fields of a record')
    .argument('<module>')
    .argument('<uuid>')
    .requiredOption('-d, --data <json>', 'inline JSON, @file.json, @file.yaml or -')
    .action(async (module: string, uuid: string, flags: { data: string }, command: Command) => {
      const data = record(await readData(flags.data, '--data'));
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.records(module).update(uuid, data, { signal }), output),
      );
    });
  records
    .command('delete')
    .description('move records to the recycle bin (or delete them for good with --hard)')
    .argument('<module>')
    .argument('<uuids...>')
    .option('--hard', 'delete for good')
    .action(async (module: string, uuids: string[], flags: { hard?: boolean }, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) => {
        const summary = await soar.records(module).deleteMany(uuids, { hard: flags.hard, signal });
        await printValue(summary, output);
        if (summary.failed > 0) process.exitCode = EXIT.api;
      });
    });
  records
    .command('restore')
    .description('bring a record back from the recycle bin')
    .argument('<module>')
    .argument('<uuid>')
    .action(async (module: string, uuid: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withSoar(command, async (soar, signal) =>
        printValue(await soar.records(module).restore(uuid, { signal }), output),
      );
    });
  records
    .command('comments')
    .description('the comments of a record, or add one with --add')
    .argument('<module>')
    .argument('<uuid>')
    .option('--add <text>', 'add this comment')
    .action(async (module: string, uuid: string, flags: { add?: string }, command: Command) => {
      const output = await outputOf(command, ['uuid', 'content', 'createDate']);
      await withSoar(command, async (soar, signal) => {
        const handle = soar.records(module);
        if (flags.add !== undefined)
          return printValue(await handle.addComment(uuid, flags.add, { signal }), output);
        await printValue(await handle.comments(uuid, { signal }), output);
      });
    });

  soar
    .command('query')
    .description(
      "the query API: --where 'severity.itemValue eq High' (repeatable), or a whole query in --data",
    )
    .argument('<module>')
    .option(
      '--where <condition>',
      "'<field> <operator> [value]': eq neq lt lte gt gte in nin like notlike contains exists isnull",
      repeat,
    )
    .option('--any', 'join the --where conditions with OR (default AND)')
    .option('--sort <fields>', 'sort: -createDate,name', list)
    .option(
      '-d, --data <json>',
      'a whole query { filter, sort, fields }, filter as { field, operator, value } or { logic, filters }: inline JSON, @file or -',
    )
    .option('--group-by <field>', 'count the matching records per value of a field (aggregate)')
    .action(async (module: string, flags: QueryFlags, command: Command) => {
      const query = await queryOf(flags);
      const output = await outputOf(
        command,
        flags.groupBy ? ['value', 'count'] : ['uuid', 'name', 'createDate'],
      );
      await withSoar(command, async (soar, signal) => {
        const handle = soar.records(module);
        if (flags.groupBy) {
          const rows = await handle.aggregate(
            query,
            [agg.groupBy(flags.groupBy, 'value'), agg.count('*', 'count')],
            { signal },
          );
          return printValue(rows, output);
        }
        await printStream(handle.iterate({ query, signal }), output);
      });
    });
}

interface QueryFlags {
  where?: string[];
  any?: boolean;
  sort?: string[];
  data?: string;
  groupBy?: string;
}

async function queryOf(flags: QueryFlags): Promise<Query> {
  if (flags.data !== undefined) {
    const data = await readData(flags.data, '--data');
    if (!isRecord(data)) throw new UsageError('--data must be a query object');
    return data as Query;
  }
  const conditions = (flags.where ?? []).map(condition);
  const filter: Filter | undefined =
    conditions.length === 0
      ? undefined
      : conditions.length === 1
        ? conditions[0]
        : (flags.any ? q.or : q.and)(...conditions);
  return { ...(filter ? { filter } : {}), ...(flags.sort ? { sort: flags.sort } : {}) };
}

/** `severity.itemValue eq High`, `name like %phish%`, `status.itemValue in Open,Closed`, `assignedTo isnull`. */
function condition(text: string): Filter {
  const match = /^\s*(\S+)\s+(\S+)\s*(.*)$/.exec(text);
  const operator = match?.[2] as Operator | undefined;
  if (!match || !operator || !QUERY_OPERATORS.has(operator)) {
    throw new UsageError(
      `--where '${text}': expected '<field> <operator> [value]' with one of ${[...QUERY_OPERATORS].join(', ')}`,
    );
  }
  const [, field, , raw] = match as unknown as [string, string, string, string];
  if (operator === 'exists' || operator === 'isnull')
    return { field, operator, value: raw === '' ? true : scalar(raw) };
  if (raw === '') throw new UsageError(`--where '${text}': the ${operator} operator needs a value`);
  if (operator === 'in' || operator === 'nin')
    return { field, operator, value: raw.split(',').map((v) => scalar(v.trim())) };
  return { field, operator, value: scalar(raw) };
}

function scalar(text: string): string | number | boolean | null {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function record(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new UsageError('a record must be a JSON object');
  return value;
}

function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
