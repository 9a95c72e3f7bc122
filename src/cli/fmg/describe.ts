import type { Command } from 'commander';
import { describeUrl, type FieldDescription, type UrlDescription } from '../../fortimanager/index.js';
import { outputOf, printValue, write } from '../output/print.js';
import { UsageError } from '../usage.js';

/** Enum values shown per field in the table; the JSON output has them all. */
const MAX_CHOICES = 8;

/** `fortix fmg describe <url>`: the catalog's facts about a FortiManager URL; sends nothing. */
export function registerDescribe(fmg: Command): void {
  fmg
    .command('describe')
    .description('what the catalog knows about a URL (template or literal): key, methods, fields')
    .argument('<url>', "e.g. '/pm/config/adom/{adom}/obj/firewall/address' or '/sys/login/user'")
    .action(async (url: string, _flags: unknown, command: Command) => {
      const description = await describeUrl(url);
      if (description === undefined) {
        throw new UsageError(`${url} is not in the FortiManager catalog (check the spelling)`);
      }
      const output = await outputOf(command);
      if (output.format === 'table' && !output.query) await write(formatDescription(description));
      else await printValue(description, output);
    });
}

/** A readable summary and a table of the fields (nested fields indented under their parent). */
function formatDescription(d: UrlDescription): string {
  const params = Object.entries(d.params).map(([name, value]) => `${name}=${value}`);
  const summary: Array<[string, string]> = [
    ['object', `${d.object} (${d.kind}${d.item ? ', one item' : ''})`],
    ['key', d.mkey ?? '-'],
    ['methods', d.methods.join(', ')],
    ['required', d.required.join(', ') || '-'],
    ['versions', d.versions ?? 'not recorded'],
    ...(params.length > 0 ? [['params', params.join(', ')] as [string, string]] : []),
  ];
  const rows = flatten(d.fields, 0).map(({ field, depth }) => [
    `${'  '.repeat(depth)}${field.name}`,
    field.type,
    field.versions ?? '',
    flags(field),
    choices(field),
  ]);
  const lines = [d.template, ...summary.map(([label, value]) => `  ${`${label}:`.padEnd(10)}${value}`), ''];
  if (rows.length === 0) return `${[...lines, 'no fields are documented for this URL'].join('\n')}\n`;
  return `${[...lines, ...columns(['FIELD', 'TYPE', 'VERSIONS', 'FLAGS', 'CHOICES'], rows)].join('\n')}\n`;
}

function flatten(
  fields: readonly FieldDescription[],
  depth: number,
): Array<{ field: FieldDescription; depth: number }> {
  return fields.flatMap((field) => [{ field, depth }, ...flatten(field.fields ?? [], depth + 1)]);
}

function flags(field: FieldDescription): string {
  const out: string[] = [];
  if (field.required) out.push('required');
  if (field.sensitive) out.push('sensitive');
  if (field.overridden) out.push('wire-shape');
  return out.join(',');
}

function choices(field: FieldDescription): string {
  const all = field.choices ?? [];
  const shown = all.slice(0, MAX_CHOICES).join(' | ');
  return all.length > MAX_CHOICES ? `${shown} | … (+${all.length - MAX_CHOICES})` : shown;
}

/** Left-aligned columns; the last column is not padded. */
function columns(header: readonly string[], rows: readonly string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
