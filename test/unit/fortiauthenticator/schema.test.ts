import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { FAC_RESOURCES } from '../../../src/fortiauthenticator/generated/table.js';
import { listQuery } from '../../../src/fortiauthenticator/query.js';
import { checkWrite, fromLiveSchema, fromSpec } from '../../../src/fortiauthenticator/schema.js';
import { compareVersions, versionOfFirmware } from '../../../src/fortiauthenticator/version.js';

const live = fromLiveSchema('usergroups', {
  allowed_detail_http_methods: ['get', 'patch'],
  allowed_list_http_methods: ['get', 'post'],
  fields: {
    id: { blank: true, default: 'No default provided.', readonly: true, type: 'integer', unique: true },
    name: {
      blank: false,
      default: 'No default provided.',
      readonly: false,
      type: 'string',
      unique: true,
      max_length: 5,
    },
    kind: { blank: true, default: '', readonly: false, type: 'string', choices: ['a', 'b'] },
    users: {
      blank: true,
      default: [],
      readonly: false,
      type: 'related',
      related_type: 'to_many',
      related_schema: '/api/v1/localusers/schema/',
    },
  },
  filtering: { name: ['exact'] },
});

describe('FortiAuthenticator schemas', () => {
  it('reads a Tastypie schema', () => {
    expect(live).toMatchObject({
      source: 'live',
      listMethods: ['get', 'post'],
      filters: { name: ['exact'] },
      fields: {
        id: { readOnly: true, required: false },
        name: { required: true, maxLength: 5, unique: true },
        users: { type: 'related', related: { resource: 'localusers', many: true } },
      },
    });
    expect(fromLiveSchema('x', 'not a schema')).toBeUndefined();
  });

  it('checks writes: every problem at once, required only on create', () => {
    const d = live as NonNullable<typeof live>;
    expect(() => checkWrite(d, 'create', { name: 'ok' })).not.toThrow();
    expect(() => checkWrite(d, 'update', { kind: 'b' })).not.toThrow();
    try {
      checkWrite(d, 'create', { id: 1, kind: 'c', users: 'x', extra: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.code)).toEqual([
        'read-only',
        'choice',
        'type',
        'unknown-field',
        'required',
      ]);
    }
    expect(() => checkWrite(d, 'update', { name: 'toolong' })).toThrow(/longer than 5/);
  });

  it('describes singletons and actions from the facts', async () => {
    const d = await fromSpec('userlockoutpolicy', FAC_RESOURCES.userlockoutpolicy);
    expect(d).toMatchObject({ source: 'spec', listMethods: ['get', 'patch'], detailMethods: [] });
    expect(d.fields.failed_login_lockout_max_attempts).toMatchObject({ type: 'integer', required: false });
  });

  it('builds list queries and refuses what the resource cannot filter', () => {
    expect(
      listQuery('localusers', FAC_RESOURCES.localusers, {
        filter: { username__in: ['a', 'b'], active: true },
        orderBy: '-id',
        limit: 5,
      }),
    ).toEqual({
      username__in: ['a', 'b'],
      active: 'true',
      order_by: '-id',
      limit: 5,
    });
    expect(() => listQuery('localusers', FAC_RESOURCES.localusers, { filter: { nope: 1 } })).toThrow(
      ValidationError,
    );
    expect(() => listQuery('radiususers', FAC_RESOURCES.radiususers, { filter: { username: 'x' } })).toThrow(
      /has no filters/,
    );
  });

  it('reads versions from firmware strings', () => {
    expect(versionOfFirmware('FACVMKVM v8.0.3, build0099 (GA)')).toBe('8.0.3');
    expect(versionOfFirmware('FACVM v6.4.0-build0888 (GA)')).toBe('6.4.0');
    expect(versionOfFirmware('???')).toBeUndefined();
    expect(compareVersions('6.6', '6.6.0')).toBe(0);
    expect(compareVersions('8.0.3', '8.0.10')).toBeLessThan(0);
  });
});
