/**
 * The fields each log type has (`specs/fortianalyzer/logs.json`: what a FortiGate emits, plus the
 * fields FortiAnalyzer adds), read on first use, to catch filters on fields a log type does not
 * have: FortiAnalyzer answers those with zero rows and no error.
 */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../core/errors.js';

/** `specs/` at the package root; the depth is the same from `src/` and from `dist/`. */
const FACTS_URL = new URL('../../specs/fortianalyzer/logs.json', import.meta.url);

interface LogFacts {
  readonly logTypes: ReadonlyArray<{ name: string }>;
  readonly fazFields: readonly string[];
  readonly fields: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

let loading: Promise<LogFacts> | undefined;

/** The log facts (read once per process). */
export function loadLogFacts(): Promise<LogFacts> {
  loading ??= readFile(FACTS_URL, 'utf8').then((text) => JSON.parse(text) as LogFacts);
  return loading;
}

/** Refuses filter fields the log type does not have; log types without a field list are not checked. */
export async function checkFilterFields(logtype: string, fields: ReadonlySet<string>): Promise<void> {
  if (fields.size === 0) return;
  const facts = await loadLogFacts();
  const known = facts.fields[logtype];
  if (!known) return;
  const unknown = [...fields].filter((name) => !(name in known) && !facts.fazFields.includes(name));
  if (unknown.length === 0) return;
  throw new ValidationError(
    `${logtype} logs have no field ${unknown.map((n) => `'${n}'`).join(', ')}: FortiAnalyzer would match nothing. ` +
      'Check the name (fortix faz logs fields), or pass checkFields: false for a field this list does not know',
    'filter',
    {
      issues: unknown.map((name) => ({
        path: `filter.${name}`,
        message: `no field '${name}' in ${logtype} logs`,
        code: 'unknown-field',
      })),
    },
  );
}
