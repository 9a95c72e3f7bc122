import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { escapeName, escapePath, splitUrl } from '../../../src/fortimanager/url-escape.js';
import { fillUrl } from '../../../src/fortimanager/url-template.js';

const ADDRESS = '/pm/config/adom/{adom}/obj/firewall/address/{address}';

describe('URL names as FortiManager reads them (issue 8, item 0)', () => {
  it('escapes only the backslash and the slash; spaces, %, #, quotes and non-ASCII go as they are', () => {
    expect(escapeName('Net_10.0.0.0/18', 'n')).toBe('Net_10.0.0.0\\/18');
    expect(escapeName('a\\b', 'n')).toBe('a\\\\b');
    for (const name of ['web server 1', '100%', 'a%20b', 'host#1', `it's "quoted"`, 'Zürich-Ωmega', '東京']) {
      expect(escapeName(name, 'n')).toBe(name);
    }
  });

  it('fills a template the way the book writes it', () => {
    expect(fillUrl(ADDRESS, { adom: 'root', address: 'Net_10.0.0.0/18' })).toBe(
      '/pm/config/adom/root/obj/firewall/address/Net_10.0.0.0\\/18',
    );
  });

  it('reads back every name it writes (splitUrl is the inverse)', () => {
    const names = ['a/b', 'a\\b', 'a\\/b', '\\', '/', 'x y%z#"\'', 'ünï/cödé\\'];
    for (const name of names) {
      expect(splitUrl(fillUrl(ADDRESS, { adom: 'root', address: name })).at(-1)).toBe(name);
    }
    expect(splitUrl('/pm//config/')).toEqual(['pm', 'config']);
  });

  it('keeps the folder slashes of a path, each folder escaped', () => {
    expect(escapePath('emea/branch 1/pkg\\x', 'p')).toBe('emea/branch 1/pkg\\\\x');
    expect(fillUrl('/pm/pkg/adom/{adom}/{pkg_path}', { adom: 'root', pkg_path: 'a/b c' })).toBe(
      '/pm/pkg/adom/root/a/b c',
    );
  });

  it('refuses control characters, which no FortiManager URL can carry', () => {
    for (const name of ['a\nb', 'a\rb', 'tab\there', 'nul\u0000', 'del\u007f', 'c1\u0085']) {
      expect(() => fillUrl(ADDRESS, { adom: 'root', address: name })).toThrow(ValidationError);
    }
    expect(() => fillUrl('/pm/config/adom/root/obj/firewall/address/a\nb', undefined)).toThrow(
      ValidationError,
    );
  });
});

describe('path steps in parameters (issue 8, item 11)', () => {
  it("refuses '.' and '..' as names: FortiManager would read them as steps", () => {
    for (const value of ['.', '..']) {
      const error = (() => {
        try {
          fillUrl(ADDRESS, { adom: 'root', address: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('params.address');
      expect(() => fillUrl(ADDRESS, { adom: value, address: 'h1' })).toThrow(ValidationError);
    }
    // Dots inside a name are fine.
    expect(fillUrl(ADDRESS, { adom: 'root', address: '..x' })).toMatch(/address\/\.\.x$/);
  });

  it('refuses pkg_path traversal and empty folders', () => {
    for (const path of ['../../../sys', 'emea/../../x', './pkg', 'a//b', '/abs', 'trailing/']) {
      expect(() => fillUrl('/pm/pkg/adom/{adom}/{pkg_path}', { adom: 'root', pkg_path: path })).toThrow(
        ValidationError,
      );
    }
  });
});
