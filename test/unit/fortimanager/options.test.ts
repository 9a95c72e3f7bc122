import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { f } from '../../../src/fortimanager/filter.js';
import { toWireParams } from '../../../src/fortimanager/options.js';

describe('toWireParams (get)', () => {
  it('maps camelCase options to their wire keys and booleans to 0/1', () => {
    const params = toWireParams('get', '/pm/config/adom/root/obj/firewall/address', {
      fields: ['name', 'subnet'],
      filter: f.like('name', 'h%'),
      range: [10, 5],
      sortings: [{ name: 1 }],
      loadsub: false,
      option: ['get flags', 'extra info'],
      metaFields: ['owner'],
      subfetchFilter: true,
      expandDatasrc: [{ name: 'wtp-profile', datasrc: [{ 'obj type': 'wireless-controller wtp-profile' }] }],
      scopeMember: [{ name: 'FGT1', vdom: 'root' }],
      signal: new AbortController().signal,
      timeoutMs: 5,
      okCodes: [-3],
      verbose: false,
    });
    expect(params).toEqual({
      url: '/pm/config/adom/root/obj/firewall/address',
      fields: ['name', 'subnet'],
      filter: ['name', 'like', 'h%'],
      range: [10, 5],
      sortings: [{ name: 1 }],
      loadsub: 0,
      option: ['get flags', 'extra info'],
      'meta fields': ['owner'],
      'subfetch filter': 1,
      'expand datasrc': [
        { name: 'wtp-profile', datasrc: [{ 'obj type': 'wireless-controller wtp-profile' }] },
      ],
      'scope member': [{ name: 'FGT1', vdom: 'root' }],
    });
  });

  it('accepts the wire keys with spaces as written', () => {
    const params = toWireParams('get', '/dvmdb/device', {
      'meta fields': ['x'],
      'sub fetch': { vdom: { 'subfetch hidden': 1 } },
      'subfetch filter': 1,
      'scope member': [{ name: 'grp' }],
      'expand datasrc': [],
    });
    expect(params).toEqual({
      url: '/dvmdb/device',
      'meta fields': ['x'],
      'sub fetch': { vdom: { 'subfetch hidden': 1 } },
      'subfetch filter': 1,
      'scope member': [{ name: 'grp' }],
      'expand datasrc': [],
    });
  });

  it('converts sub fetch specs recursively (hidden, nested sub fetch, scope member)', () => {
    const params = toWireParams('get', '/x', {
      subFetch: {
        sla: { fields: ['latency-threshold'], filter: f.gt('latency-threshold', 100) },
        vdom: { hidden: true },
        dynamic_mapping: {
          scopeMember: [{ name: 'FGT1', vdom: 'root' }],
          subFetch: { inner: { hidden: false } },
        },
        radio: {},
      },
    });
    expect(params['sub fetch']).toEqual({
      sla: { fields: ['latency-threshold'], filter: ['latency-threshold', '>', 100] },
      vdom: { 'subfetch hidden': 1 },
      dynamic_mapping: {
        'scope member': [{ name: 'FGT1', vdom: 'root' }],
        'sub fetch': { inner: { 'subfetch hidden': 0 } },
      },
      radio: {},
    });
    expect(toWireParams('get', '/x', { subFetch: true })['sub fetch']).toBe(1);
  });

  it('merges extraParams as they are', () => {
    expect(toWireParams('get', '/x', { extraParams: { 'object template': 1, attr: 'a' } })).toEqual({
      url: '/x',
      'object template': 1,
      attr: 'a',
    });
    expect(() => toWireParams('get', '/x', { extraParams: { url: '/y' } })).toThrow(ValidationError);
  });

  it('rejects unknown options, conflicting twins and bad shapes', () => {
    expect(() => toWireParams('get', '/x', { feilds: ['name'] })).toThrow(
      /does not take the option 'feilds'/,
    );
    expect(() => toWireParams('get', '/x', { metaFields: ['a'], 'meta fields': ['b'] })).toThrow(/not both/);
    expect(() =>
      toWireParams('get', '/x', { subFetch: { vdom: { hidden: true, 'subfetch hidden': 0 } } }),
    ).toThrow(/not both/);
    expect(() => toWireParams('get', '/x', { range: [0, 0] })).toThrow(/range/);
    expect(() => toWireParams('get', '/x', { range: [-1, 10] })).toThrow(/range/);
    expect(() => toWireParams('get', '/x', { fields: 'name' })).toThrow(/fields/);
    expect(() => toWireParams('get', '/x', { filter: 'name==x' })).toThrow(/filter/);
    expect(() => toWireParams('get', '/x', { loadsub: 'no' })).toThrow(/loadsub/);
    expect(() => toWireParams('get', '/x', { sortings: ['name'] })).toThrow(/sortings/);
    expect(() => toWireParams('get', '/x', { data: { a: 1 } })).toThrow(ValidationError);
  });
});

describe('toWireParams (writes)', () => {
  it('passes data and folds unsetAttrs into it', () => {
    expect(toWireParams('add', '/a', { data: { name: 'h1', subnet: '10.0.0.1/32' } })).toEqual({
      url: '/a',
      data: { name: 'h1', subnet: '10.0.0.1/32' },
    });
    expect(toWireParams('set', '/a', { data: { name: 'dmz' }, unsetAttrs: ['ip'] })).toEqual({
      url: '/a',
      data: { name: 'dmz', 'unset attrs': ['ip'] },
    });
    expect(() => toWireParams('set', '/a', { data: [{ name: 'x' }], unsetAttrs: ['ip'] })).toThrow(
      ValidationError,
    );
  });

  it('takes option and target for move, filter for delete', () => {
    expect(toWireParams('move', '/p/3', { option: 'before', target: 1 })).toEqual({
      url: '/p/3',
      option: 'before',
      target: 1,
    });
    expect(() => toWireParams('move', '/p/3', { option: 'above', target: 1 })).toThrow(/before/);
    expect(toWireParams('delete', '/t', { filter: f.like('name', 'tmp_%') })).toEqual({
      url: '/t',
      filter: ['name', 'like', 'tmp_%'],
    });
  });

  it('reads data like any other option: once, and only when it is enumerable', () => {
    let reads = 0;
    const counted = {
      get data() {
        reads++;
        return { name: 'h1' };
      },
    };
    expect(toWireParams('add', '/a', counted)).toEqual({ url: '/a', data: { name: 'h1' } });
    expect(reads).toBe(1);
    const hidden = Object.defineProperty({}, 'data', { value: { name: 'h1' }, enumerable: false });
    expect(toWireParams('add', '/a', hidden)).toEqual({ url: '/a' });
    expect(Object.keys(toWireParams('add', '/a', hidden))).toEqual(['url']);
  });

  it('rejects get options on writes and non-object data', () => {
    expect(() => toWireParams('add', '/a', { fields: ['x'], data: {} })).toThrow(
      /add does not take the option 'fields'/,
    );
    expect(() => toWireParams('exec', '/a', { data: 'x' })).toThrow(/data must be an object/);
  });
});
