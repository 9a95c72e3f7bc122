import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { q, toLogFilter } from '../../../src/fortianalyzer/filter.js';

describe('the filter builder', () => {
  it('writes conditions, and/or with parentheses, and negation as !( )', () => {
    const filter = q.and(
      q.eq('srcip', '10.0.1.100'),
      q.or(q.eq('dstport', 443), q.eq('dstport', 8443)),
      q.not(q.contains('app', 'DNS')),
    );
    expect(filter.text).toBe(
      'srcip=="10.0.1.100" and (dstport==443 or dstport==8443) and !(app like "%DNS%")',
    );
    expect([...filter.fields]).toEqual(['srcip', 'dstport', 'app']);
    expect(q.in('action', ['deny', 'close']).text).toBe('action=="deny" or action=="close"');
    expect(q.notIn('level', ['notice']).text).toBe('!(level=="notice")');
    expect(q.and(q.ge('sentbyte', 1000), q.lt('duration', 5)).text).toBe('sentbyte>=1000 and duration<5');
    expect(q.startsWith('hostname', 'www.').text).toBe('hostname like "www.%"');
    expect(q.endsWith('hostname', '.com').text).toBe('hostname like "%.com"');
    expect(q.like('msg', 'SLA%pass').text).toBe('msg like "SLA%pass"');
  });

  it('quotes every string value, so a value cannot change the expression', () => {
    const hostile = 'x" or srcip!="';
    expect(q.eq('user', hostile).text).toBe('user=="x\\" or srcip!=\\""');
    expect(q.eq('path', 'C:\\temp\\"a"').text).toBe('path=="C:\\\\temp\\\\\\"a\\""');
    expect(q.eq('user', "o'brien) or (1==1").text).toBe('user=="o\'brien) or (1==1"');
    // The number form is only for real numbers.
    expect(q.eq('policyid', 7).text).toBe('policyid==7');
    expect(q.eq('policyid', '7').text).toBe('policyid=="7"');
  });

  it('refuses what FortiAnalyzer would ignore or refuse', () => {
    const refused: Array<[() => unknown, RegExp]> = [
      [() => q.eq('msg', 'a\nb'), /Control characters/],
      [() => q.eq('foo.srcip', '1'), /dotted field/],
      [() => q.eq('bad field', '1'), /not a FortiAnalyzer field name/],
      [() => q.eq('msg', 'Health*'), /wildcard/],
      [() => q.contains('user', 'a_b'), /cannot escape/],
      [() => q.contains('msg', '100%'), /cannot escape/],
      [() => q.in('action', []), /match nothing/],
      [() => q.and(), /at least one/],
      [() => q.eq('n', Number.NaN), /finite/],
      [() => q.eq('n', true as unknown as string), /strings or numbers/],
    ];
    for (const [build, message] of refused) {
      expect(build).toThrow(ValidationError);
      expect(build).toThrow(message);
    }
  });

  it('checks hand-written filters: only honoured operators, balanced, no traps', () => {
    expect(q.raw('srcip==10.0.0.1 and dstport==443').text).toBe('srcip==10.0.0.1 and dstport==443');
    expect([...q.raw('dstip==192.168.1.168 and ( dstport == 514 or dstport == 515 )').fields]).toEqual([
      'dstip',
      'dstport',
    ]);
    expect(q.raw('!(service like "%DNS%")').text).toBe('!(service like "%DNS%")');
    expect(q.raw("trigger_name='Local Device Event' and severity >= 3").fields).toEqual(
      new Set(['trigger_name', 'severity']),
    );
    for (const [text, message] of [
      ['service contain DNS', /ignores 'contain'/],
      ['service !contain DNS', /ignores '!contain'/],
      ['service not like "%DNS%"', /refuses 'not like'/],
      ['service nlike "%DNS%"', /refuses 'nlike'/],
      ['service !like "%DNS%"', /refuses '!like'/],
      ['service zzqq DNS', /not an operator/],
      ['foo.srcip==1', /dotted/],
      ['(srcip==1', /incomplete/],
      ['srcip==1)', /unbalanced/],
      ['srcip=="open', /not closed/],
      ['srcip==1 xor dstip==2', /expected 'and'/],
      ['msg=="a\u0007"', /control characters/],
    ] as const) {
      expect(() => q.raw(text), text).toThrow(message);
    }
  });

  it('combines raw parts inside parentheses and renames fields per endpoint', () => {
    const filter = q.and(q.raw('a==1 or b==2'), q.eq('trigger_name', 'x'));
    expect(filter.text).toBe('(a==1 or b==2) and trigger_name=="x"');
    expect(q.eq('trigger_name', 'x').render((f) => (f === 'trigger_name' ? 'triggername' : f))).toBe(
      'triggername=="x"',
    );
    expect(toLogFilter('  ')).toBeUndefined();
    expect(toLogFilter('srcip==1')?.text).toBe('srcip==1');
    expect(() => toLogFilter('srcip contain 1')).toThrow(ValidationError);
  });
});
