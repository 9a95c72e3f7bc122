import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_TYPES } from '../../../src/fortianalyzer/log-types.js';

const facts = JSON.parse(
  readFileSync(new URL('../../../specs/fortianalyzer/logs.json', import.meta.url), 'utf8'),
) as {
  logTypes: Array<{ name: string }>;
  aliases: Record<string, string>;
  fields: Record<string, Record<string, string>>;
};

describe('log types', () => {
  it('are the catalogue of specs/fortianalyzer/logs.json minus the ones FortiAnalyzer does not search', () => {
    const catalogue = facts.logTypes.map((t) => t.name);
    expect(catalogue).toHaveLength(29);
    const notSearched = catalogue.filter((name) => !(LOG_TYPES as readonly string[]).includes(name));
    expect(notSearched.sort()).toEqual(['generic', 'im', 'sniffer']);
    for (const name of LOG_TYPES) expect(catalogue).toContain(name);
    for (const target of Object.values(facts.aliases)) expect(LOG_TYPES).toContain(target);
  });

  it('have field lists for the main types', () => {
    expect(Object.keys(facts.fields.traffic!)).toContain('srcip');
    expect(facts.fields.traffic!.dstip).toBe('ip');
    expect(facts.fields.event!.logdesc).toBe('string');
  });
});
