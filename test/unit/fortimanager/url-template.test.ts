import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { fillUrl, placeholdersOf } from '../../../src/fortimanager/url-template.js';

describe('fillUrl', () => {
  it('fills placeholders from params and encodes each value as one segment', () => {
    const url = fillUrl('/pm/config/adom/{adom}/obj/firewall/address/{address}', {
      adom: 'dc emea',
      address: 'net 10.0.0.0/8 %x',
    });
    expect(url).toBe('/pm/config/adom/dc%20emea/obj/firewall/address/net%2010.0.0.0%2F8%20%25x');
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

  it('keeps the folder slashes of *path* placeholders but encodes each folder', () => {
    expect(fillUrl('/pm/pkg/adom/{adom}/{pkg_path}', { adom: 'root', pkg_path: 'emea/it aly' })).toBe(
      '/pm/pkg/adom/root/emea/it%20aly',
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

  it('lists the placeholders of a template', () => {
    expect(placeholdersOf('/a/{x}/b/{y-z}/c')).toEqual(['x', 'y-z']);
    expect(placeholdersOf('/literal')).toEqual([]);
  });
});
