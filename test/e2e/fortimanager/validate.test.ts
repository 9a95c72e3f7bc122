import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { inRanges } from '../../../src/fortimanager/catalog/versions.js';
import { describeUrl } from '../../../src/fortimanager/describe.js';
import { type BatchItem, InvalidDataError, ObjectNotFoundError } from '../../../src/fortimanager/index.js';
import { parseFmgVersion } from '../../../src/fortimanager/validate.js';
import { recordingLogger, useSimulator } from './harness.js';

const h = useSimulator();
// Typed as string: these tests send data the catalog types would (rightly) refuse to compile.
const table: string = '/pm/config/adom/{adom}/obj/firewall/address';
const item: string = '/pm/config/adom/{adom}/obj/firewall/address/{name}';

/** JSON-RPC requests the simulator has served so far. */
const served = () => h.sim.fortimanager.stats().requests;

/** The error a promise rejects with. */
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('validate: true checks data against the catalog before sending', () => {
  it('refuses an enum value outside the choices: ValidationError naming it, nothing sent', async () => {
    const fmg = h.client({ adom: 'root', validate: true });
    await fmg.add(table, { data: { name: 'v_ok', type: 'ipmask', subnet: '10.9.0.1/32' } });
    const before = served();
    const error = await failure(fmg.add(table, { data: { name: 'v_enum', type: 'bogus' } }));
    expect(served()).toBe(before);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'data.type', details: { object: 'firewall_address' } });
    expect((error as Error).message).toMatch(/type: "bogus" is not one of 'ipmask'/);
    await expect(fmg.get(item, { params: { name: 'v_enum' } })).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses unknown attributes (also nested) and missing keys, listing every problem', async () => {
    const fmg = h.client({ adom: 'root', validate: true });
    await fmg.update(item, { params: { name: 'host_001' }, data: { color: 5 } });
    const before = served();
    const error = (await failure(
      fmg.add(table, {
        data: {
          colour: 3,
          dynamic_mapping: [{ _scope: [{ name: 'FGT1', vdom: 'root' }], 'no-such-attr': 1 }],
        },
      }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error.details.issues as Array<{ code: string; path: string }>).map((i) => [
      i.code,
      i.path,
    ]);
    expect(issues).toEqual([
      ['missing-required', 'name'],
      ['unknown-attribute', 'colour'],
      ['unknown-attribute', 'dynamic_mapping[0].no-such-attr'],
    ]);
    expect(error.message).toContain('3 problems');
    expect(error.message).toContain('colour');
    // Item URLs carry the key; a list of rows is checked row by row.
    const rows = failure(fmg.set(table, { data: [{ name: 'v_a' }, { name: 'v_b', color: 'red' }] }));
    expect(await rows).toMatchObject({ field: 'data[1].color' });
    expect(served()).toBe(before);
  });

  it('sends valid data, the client helpers included', async () => {
    const fmg = h.client({ adom: 'dc_amer', validate: true });
    await expect(
      fmg.add(table, {
        data: { name: 'v_valid', type: 'fqdn', fqdn: 'a.example.com', 'allow-routing': 'enable' },
      }),
    ).resolves.toEqual({ name: 'v_valid' });
    await expect(
      fmg.update(item, { params: { name: 'v_valid' }, data: { comment: 'checked' } }),
    ).resolves.toEqual({
      name: 'v_valid',
    });
    const proxied = await fmg.proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status',
      target: [{ adom: 'dc_amer', device: 'dut_fgt_01' }],
    });
    expect(proxied.map((r) => r.ok)).toEqual([true]);
    const install = await fmg.installPackage({
      pkg: 'default',
      scope: ['dut_fgt_01'],
      preview: true,
      wait: { pollInterval: 5 },
    });
    expect(install.task?.ok).toBe(true);
  });

  it('without it, the same data is sent and the simulator refuses it with -10 naming the attribute', async () => {
    const fmg = h.client({ adom: 'root' });
    await fmg.get(table, { fields: ['name'] });
    const before = served();
    const error = await failure(fmg.add(table, { data: { name: 'v_sent', type: 'bogus' } }));
    expect(served()).toBe(before + 1);
    expect(error).toBeInstanceOf(InvalidDataError);
    expect((error as Error).message).toContain("'type'");
  });

  it('gives batch items their own ValidationError and sends the valid ones', async () => {
    const fmg = h.client({ adom: 'root', validate: true });
    const items: BatchItem[] = [
      { method: 'add', url: table, data: { name: 'v_batch_ok' } },
      { method: 'add', url: table, data: { name: 'v_batch_bad', 'allow-routing': 'sometimes' } },
      { method: 'get', url: item, params: { name: 'v_batch_ok' }, fields: ['name'] },
    ];
    const results = await fmg.batch(items);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { field: 'data.allow-routing' } });
    expect(results[1]?.ok === false && results[1].error).toBeInstanceOf(ValidationError);
    await expect(fmg.get(item, { params: { name: 'v_batch_bad' } })).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });

  it('keeps custom validators working, without the catalog checks', async () => {
    const seen: string[] = [];
    const fmg = h.client({
      adom: 'root',
      validate: ({ method, params }) => {
        seen.push(`${method} ${params.url}`);
        if (method === 'delete') throw new ValidationError('no deletes here', 'method');
      },
    });
    await expect(fmg.delete(item, { params: { name: 'host_001' } })).rejects.toThrow('no deletes here');
    await expect(fmg.add(table, { data: { name: 'v_custom', type: 'bogus' } })).rejects.toBeInstanceOf(
      InvalidDataError,
    );
    expect(seen).toEqual([
      'delete /pm/config/adom/root/obj/firewall/address/host_001',
      'add /pm/config/adom/root/obj/firewall/address',
    ]);
  });
});

describe('validate: true and the FortiManager version', () => {
  it('warns once per attribute the connected version does not have, reading /sys/status once', async () => {
    const status = await h.client().raw({ method: 'get', params: [{ url: '/sys/status' }] });
    const version = parseFmgVersion(status.result[0]?.data);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const fields = (await describeUrl(table))!.fields.filter(
      (f) =>
        f.type === 'str' &&
        f.choices === undefined &&
        f.ranges !== undefined &&
        !inRanges(version!, f.ranges),
    );
    expect(fields.length).toBeGreaterThan(0);
    const name = fields[0]!.name;

    const logger = recordingLogger();
    const fmg = h.client({ adom: 'root', validate: true, logger });
    const first = served();
    await fmg.add(table, { data: { name: 'v_version_1', [name]: 'x' } });
    const second = served();
    await fmg.add(table, { data: { name: 'v_version_2', [name]: 'y' } });
    expect(served() - second).toBe(1);
    expect(second - first).toBe(3); // login, /sys/status, add
    const warnings = logger.lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(name);
    expect(warnings[0]).toContain(`not in ${version}`);
    expect(warnings[0]).toContain(fields[0]!.versions);
  });

  it('reads nothing for calls without data', async () => {
    const plain = h.client({ adom: 'root' });
    const checked = h.client({ adom: 'root', validate: true });
    let before = served();
    await plain.get(table, { fields: ['name'] });
    const plainCost = served() - before;
    before = served();
    await checked.get(table, { fields: ['name'] });
    expect(served() - before).toBe(plainCost);
  });
});

describe('parseFmgVersion', () => {
  it('takes the dotted version from the Version of /sys/status', () => {
    expect(parseFmgVersion({ Version: 'v7.4.3-build2487 240411 (GA)' })).toBe('7.4.3');
    expect(parseFmgVersion({ Version: 'v6.0.0' })).toBe('6.0.0');
    expect(parseFmgVersion({ Version: 'unknown' })).toBeUndefined();
    expect(parseFmgVersion(undefined)).toBeUndefined();
  });
});
