/**
 * The log facts of `specs/fortianalyzer/logs.json` (log type catalogue, fields per log type), read
 * once per process, for `/logview/adom/{adom}/logfields`.
 */
import { readFile } from 'node:fs/promises';

/** `specs/` at the package root; the depth is the same from `src/` and from `dist/`. */
const LOG_FACTS_URL = new URL('../../../../specs/fortianalyzer/logs.json', import.meta.url);

export interface LogFacts {
  readonly logTypes: ReadonlyArray<{ name: string; index: number; logsearch: boolean }>;
  readonly fazFields: readonly string[];
  readonly fields: Readonly<Record<string, Readonly<Record<string, 'string' | 'int' | 'ip'>>>>;
}

let loading: Promise<LogFacts> | undefined;

export function loadLogFacts(): Promise<LogFacts> {
  loading ??= readFile(LOG_FACTS_URL, 'utf8').then((text) => JSON.parse(text) as LogFacts);
  return loading;
}

/**
 * Field type codes as the appliance answers them (small integers without a published legend; the
 * ones seen are 0, 4, 6 and 10). Which code stands for which type is the simulator's choice.
 */
const TYPE_CODES = { string: 0, int: 4, ip: 6 } as const;

/**
 * The `logfields` answer: `data[0].field` and `data[0]['private-field']` lists. An unknown log type
 * answers the log type catalogue with indices, as FortiAnalyzer does.
 */
export function logFieldsReply(facts: LogFacts, logtype: unknown): Record<string, unknown> {
  const fields = typeof logtype === 'string' ? facts.fields[logtype] : undefined;
  if (!fields) return { data: facts.logTypes.map(({ name, index }) => ({ logtype: name, index })) };
  const entry = (name: string, type: keyof typeof TYPE_CODES) => ({
    name,
    type: TYPE_CODES[type],
    desc: name,
  });
  return {
    data: [
      {
        field: Object.entries(fields).map(([name, type]) => entry(name, type)),
        'private-field': facts.fazFields.map((name) => entry(name, name === 'devname' ? 'string' : 'int')),
      },
    ],
  };
}
