import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { f } from '../../../src/fortimanager/filter.js';

describe('filter builder', () => {
  it('builds every comparison in the nested array form', () => {
    expect(f.eq('name', 'x')).toEqual(['name', '==', 'x']);
    expect(f.ne('name', 'x')).toEqual(['name', '!=', 'x']);
    expect(f.lt('oid', 5)).toEqual(['oid', '<', 5]);
    expect(f.le('oid', 5)).toEqual(['oid', '<=', 5]);
    expect(f.gt('oid', 5)).toEqual(['oid', '>', 5]);
    expect(f.ge('oid', 5)).toEqual(['oid', '>=', 5]);
    expect(f.like('name', 'host_%')).toEqual(['name', 'like', 'host_%']);
    expect(f.contain('member', 'h1')).toEqual(['member', 'contain', 'h1']);
    expect(f.in('type', 'ipmask', 'iprange', 'fqdn')).toEqual(['type', 'in', 'ipmask', 'iprange', 'fqdn']);
  });

  it('joins with && and || as binary nested arrays, left to right', () => {
    const a = f.eq('a', 1);
    const b = f.eq('b', 2);
    const c = f.eq('c', 3);
    expect(f.and(a, b)).toEqual([a, '&&', b]);
    expect(f.or(a, b, c)).toEqual([[a, '||', b], '||', c]);
    expect(f.and(a)).toEqual(a);
  });

  it('negates with !', () => {
    expect(f.not(f.eq('name', 'x'))).toEqual(['!', ['name', '==', 'x']]);
    expect(f.and(f.like('name', 'web_%'), f.not(f.eq('type', 'fqdn')))).toEqual([
      ['name', 'like', 'web_%'],
      '&&',
      ['!', ['type', '==', 'fqdn']],
    ]);
  });

  it('composes with raw filters', () => {
    const raw = ['restricted_prds', '==', 'fos'] as const;
    expect(f.or(raw, f.eq('name', 'root'))).toEqual([raw, '||', ['name', '==', 'root']]);
  });

  it('rejects empty input', () => {
    expect(() => f.and()).toThrow(ValidationError);
    expect(() => f.in('type')).toThrow(ValidationError);
    expect(() => f.eq('', 'x')).toThrow(ValidationError);
  });
});
