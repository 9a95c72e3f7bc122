import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { fillUrl, placeholdersOf } from '../../../src/fortimanager/url-template.js';

describe('fillUrl', () => {
  it('fills placeholders from params, each value one step escaped as FortiManager reads it', () => {
    const url = fillUrl('/pm/config/adom/{adom}/obj/firewall/address/{address}', {
      adom: 'dc emea',
      address: 'net 10.0.0.0/8 %x',
    });
    expect(url).toBe('/pm/config/adom/dc emea/obj/firewall/address/net 10.0.0.0\\/8 %x');
  });

  it('takes {adom} from the default when params do not give it', () => {
    expect(fillUrl('/pm/config/adom/{adom}/obj/firewall/address', undefined, 'root')).toBe(
      '/pm/config/adom/root/obj/firewall/address',
    );
    expect(fillUrl('/pm/config/adom/{adom}/obj/x', { adom: 'other' }, 'root')).toBe(
      '/pm/config/adom/other/obj/x',
    );
  });

  it('accepts placeholder names with dashes and numbers as values', () => {
    expect(fillUrl('/a/{mms-checksum}/b/{id}', { 'mms-checksum': 'abc', id: 42 })).toBe('/a/abc/b/42');
  });

  it('keeps the folder slashes of *path* placeholders, each folder as it is', () => {
    expect(fillUrl('/pm/pkg/adom/{adom}/{pkg_path}', { adom: 'root', pkg_path: 'emea/it aly' })).toBe(
      '/pm/pkg/adom/root/emea/it aly',
    );
  });

  it('returns literal URLs unchanged', () => {
    expect(fillUrl('/pm/config/adom/root/obj/firewall/address/a b', undefined)).toBe(
      '/pm/config/adom/root/obj/firewall/address/a b',
    );
  });

  it('throws a ValidationError naming the missing placeholder', () => {
    const attempt = () => fillUrl('/pm/config/adom/{adom}/obj/firewall/address/{address}', { adom: 'root' });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/\{address\}/);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).field).toBe('params.address');
    }
  });

  it('mentions the adom option when {adom} is missing', () => {
    expect(() => fillUrl('/pm/config/adom/{adom}/obj/x', undefined)).toThrow(/adom option/);
  });

  it('rejects empty values and params that are not placeholders', () => {
    expect(() => fillUrl('/a/{x}', { x: '' })).toThrow(ValidationError);
    expect(() => fillUrl('/a/{x}', { x: Number.NaN })).toThrow(ValidationError);
    expect(() => fillUrl('/a/{x}', { x: 'v', y: 'w' })).toThrow(/params.y is not a placeholder/);
    expect(() => fillUrl('/literal', { adom: 'root' })).toThrow(/no placeholders/);
  });

  it('fills a template it has seen before from the values of this call', () => {
    const template = '/pm/config/adom/{adom}/obj/firewall/address/{address}';
    expect(fillUrl(template, { address: 'a/1' }, 'root')).toBe(
      '/pm/config/adom/root/obj/firewall/address/a\\/1',
    );
    expect(fillUrl(template, { address: 'b' }, 'emea')).toBe('/pm/config/adom/emea/obj/firewall/address/b');
    const table = '/pm/config/adom/{adom}/obj/firewall/addrgrp';
    expect(fillUrl(table, undefined, 'root')).toBe('/pm/config/adom/root/obj/firewall/addrgrp');
    expect(fillUrl(table, undefined, 'dc/amer')).toBe('/pm/config/adom/dc\\/amer/obj/firewall/addrgrp');
    expect(fillUrl(table, { adom: 'x' }, 'root')).toBe('/pm/config/adom/x/obj/firewall/addrgrp');
    expect(() => fillUrl(table, undefined)).toThrow(/adom option/);
    expect(() => fillUrl('/a/\u0001/{x}', { x: 'v' })).toThrow(/control character/);
    expect(() => fillUrl('/a/\u0001/{x}', { x: 'v' })).toThrow(/control character/);
  });

  it('lists the placeholders of a template', () => {
    expect(placeholdersOf('/a/{x}/b/{y-z}/c')).toEqual(['x', 'y-z']);
    expect(placeholdersOf('/literal')).toEqual([]);
  });
});
