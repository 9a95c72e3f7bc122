/** The simulator's reading of FortiAnalyzer filter strings, row by row. */
import { describe, expect, it } from 'vitest';
import { q } from '../../../src/fortianalyzer/filter.js';
import { compileFilter } from '../../../src/simulator/fortianalyzer/logs/filter.js';

const ROW = {
  srcip: '10.0.1.100',
  dstport: 443,
  service: 'HTTPS',
  msg: 'Health Check SLA status changed',
  user: 'o"brien',
};
const test = (filter: string, row: Record<string, unknown> = ROW, caseSensitive = false) =>
  compileFilter(filter, caseSensitive).test(row);

describe('simulated filter evaluation', () => {
  it('compares strings, numbers and addresses', () => {
    expect(test('srcip==10.0.1.100')).toBe(true);
    expect(test('srcip = "10.0.1.100"')).toBe(true);
    expect(test("srcip<>'10.0.1.100'")).toBe(false);
    expect(test('dstport>=443 and dstport<444')).toBe(true);
    expect(test('srcip>10.0.1.99')).toBe(true);
    expect(test('srcip<10.0.1.99')).toBe(false);
    expect(test('service==https')).toBe(true);
    expect(test('service==https', ROW, true)).toBe(false);
  });

  it('matches like and * wildcards, and negates with !( )', () => {
    expect(test('msg like "%SLA%"')).toBe(true);
    expect(test('msg like "Health_Check%"')).toBe(true);
    expect(test('msg="Health Check*"')).toBe(true);
    expect(test('!(msg like "%SLA%")')).toBe(false);
    expect(test('service==DNS or (dstport==443 and !(srcip==1.2.3.4))')).toBe(true);
  });

  it('treats a missing field as unknown, negated or not', () => {
    expect(test('foo.srcip==10.0.1.100')).toBe(false);
    expect(test('!(foo.srcip==10.0.1.100)')).toBe(false);
    expect(test('nosuch!=1')).toBe(false);
    expect(test('nosuch isnull')).toBe(true);
  });

  it('keeps inert operators inert and refuses the rejected ones', () => {
    expect(test('service contain HTTP')).toBe(false);
    expect(test('!(service contain HTTP)')).toBe(false);
    expect(() => compileFilter('service not like "%H%"', false)).toThrow('Invalid filter');
    expect(() => compileFilter('service !like "%H%"', false)).toThrow('Invalid filter');
  });

  it('reads what the client builder writes, hostile values included', () => {
    expect(test(q.eq('user', 'o"brien').text)).toBe(true);
    expect(test(q.eq('user', 'o" or user!="').text)).toBe(false);
    expect(test(q.and(q.contains('msg', 'SLA'), q.in('dstport', [80, 443])).text)).toBe(true);
    expect(test(q.notIn('service', ['HTTPS', 'DNS']).text)).toBe(false);
  });
});
