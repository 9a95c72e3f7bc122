/**
 * Type tests through the real client: what each call resolves to is what FortiManager answers
 * (checked by `npm run typecheck`, never run; `test/unit/catalog/replies.test.ts` runs the same
 * calls against the simulator).
 */
import {
  type DvmTaskAnswer,
  describeUrl,
  type FmgRecord,
  type FortiManager,
  type ProxyAnswer,
  type SysStatus,
  type TaskAnswer,
  type UrlDescription,
} from '../../src/fortimanager/index.js';
import { type Equal, expectType } from './expect.js';

declare const fmg: FortiManager;
declare const someUrl: string;

type Meta = { oid?: number };
const addresses = '/pm/config/adom/{adom}/obj/firewall/address';
const address = '/pm/config/adom/{adom}/obj/firewall/address/{address}';

export async function counts(): Promise<void> {
  expectType<
    Equal<Awaited<ReturnType<typeof fmg.get<typeof addresses, undefined, undefined, 'count'>>>, number>
  >();
  const count = await fmg.get(addresses, { option: 'count', filter: ['name', 'like', 'h%'] });
  expectType<Equal<typeof count, number>>();
  expectType<
    Equal<
      typeof count,
      Awaited<ReturnType<typeof fmg.get<typeof addresses, undefined, undefined, readonly ['count']>>>
    >
  >();
  const checksum = await fmg.get('/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy', {
    params: { pkg: 'default' },
    option: 'chksum',
  });
  expectType<Equal<typeof checksum, number>>();
  // outside the catalog too
  expectType<Equal<Awaited<ReturnType<typeof fmg.get<string, undefined, undefined, 'count'>>>, number>>();
  // other options keep the rows
  const used = await fmg.get(addresses, { option: ['get used'], fields: ['name'] });
  expectType<Equal<typeof used, ({ name?: string } & { name: string } & Meta)[]>>();
  const syntax = await fmg.get(addresses, { option: 'syntax' });
  expectType<Equal<typeof syntax, FmgRecord>>();
  const [counted] = await fmg.batch([{ method: 'get', url: addresses, option: 'count' }]);
  if (counted.ok) expectType<Equal<typeof counted.data, number>>();
}

export async function singletons(): Promise<void> {
  const status = await fmg.get('/sys/status');
  expectType<Equal<typeof status, SysStatus & Meta>>();
  const cliStatus = await fmg.get('/cli/global/system/status', { fields: ['Hostname'] });
  expectType<Equal<typeof cliStatus, Pick<SysStatus, 'Hostname'> & Meta>>();
  // @ts-expect-error not a status key
  await fmg.get('/sys/status', { fields: ['version'] });
  const dirty = await fmg.get('/dvmdb/adom/{adom}/workspace/dirty');
  expectType<Equal<typeof dirty.dirty, number | undefined>>();
  const latest = await fmg.get('/dvmdb/adom/{adom}/script/log/latest');
  expectType<Equal<typeof latest, FmgRecord & Meta>>();
  const logs = await fmg.get('/dvmdb/adom/{adom}/script/log/list');
  expectType<Equal<typeof logs, (FmgRecord & Meta)[]>>();
}

export async function writes(): Promise<void> {
  const data = { name: 'h1', subnet: '10.0.0.1/32' };
  expectType<Equal<Awaited<ReturnType<typeof fmg.add<typeof addresses, typeof data>>>, { name: string }>>();
  const one = await fmg.add(addresses, { data: [data] as const });
  expectType<Equal<typeof one, { name: string }>>();
  const none = await fmg.add(addresses, { data: [data, { ...data, name: 'h2' }] as const });
  expectType<Equal<typeof none, undefined>>();
  const replaced = await fmg.replace(address, { params: { address: 'h1' }, data });
  expectType<Equal<typeof replaced, { name: string }>>();
  const moved = await fmg.move('/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy/{policy}', {
    params: { pkg: 'default', policy: 3 },
    option: 'before',
    target: 1,
  });
  expectType<Equal<typeof moved, { policyid: number }>>();
  // a device renamed through its item URL answers its (new) name
  const device = await fmg.update('/dvmdb/adom/{adom}/device/{device}', {
    params: { device: 'fgt1' },
    data: { desc: 'x' },
  });
  expectType<Equal<typeof device, { name: string }>>();
  // device groups, policy packages and templates answer no data
  const group = await fmg.add('/dvmdb/adom/{adom}/group', { data: { name: 'g1' } });
  expectType<Equal<typeof group, undefined>>();
  const member = await fmg.add('/pm/pkg/adom/{adom}/{pkg_path}/scope member', {
    params: { pkg_path: 'default' },
    data: { name: 'fgt1', vdom: 'root' },
  });
  expectType<Equal<typeof member, undefined>>();
  // a setting inside a system template answers the data it was given
  const filter = await fmg.set('/pm/config/adom/{adom}/devprof/{devprof}/log/syslogd/filter', {
    params: { devprof: 'default' },
    data: { severity: 'error' },
  });
  expectType<Equal<typeof filter, { readonly severity: 'error' }>>();
  // an integer key FortiManager numbers itself
  const entry = await fmg.add('/pm/config/adom/{adom}/obj/ips/sensor/{sensor}/entries', {
    params: { sensor: 'default' },
    data: { action: 'block' },
  });
  expectType<Equal<typeof entry, { id: number }>>();
  // tables the facts give no key answer what they answer
  const keyless = await fmg.add('/pm/config/adom/{adom}/obj/firewall/traffic-class', {
    data: { 'class-name': 'c1' },
  });
  expectType<Equal<typeof keyless, Record<string, unknown> | undefined>>();
  // URLs outside the catalog: unknown
  const loose = await fmg.add(someUrl, { data: { a: 1 } });
  expectType<Equal<typeof loose, unknown>>();
}

export async function execs(): Promise<void> {
  const install = await fmg.exec('/securityconsole/install/package', {
    data: { adom: 'root', pkg: 'default' },
  });
  expectType<Equal<typeof install, TaskAnswer>>();
  const refresh = await fmg.exec('/dvm/cmd/update/device', {
    data: { adom: 'root', device: 'fgt1', flags: ['create_task', 'nonblocking'] },
  });
  expectType<Equal<typeof refresh, DvmTaskAnswer>>();
  const proxied = await fmg.exec('/sys/proxy/json', {
    data: { action: 'get', resource: '/api/v2/monitor/system/status', target: ['adom/root/device/fgt1'] },
  });
  expectType<Equal<typeof proxied, ProxyAnswer[] | undefined>>();
  const lock = await fmg.exec('/dvmdb/adom/{adom}/workspace/lock');
  expectType<Equal<typeof lock, undefined>>();
  // no recorded reply: unknown
  const reboot = await fmg.exec('/sys/reboot', { data: { message: 'maintenance' } });
  expectType<Equal<typeof reboot, unknown>>();
}

export async function descriptions(): Promise<void> {
  // a catalogued template is always described
  const d = await fmg.describe(addresses);
  expectType<Equal<typeof d, UrlDescription>>();
  const standalone = await describeUrl(address);
  expectType<Equal<typeof standalone, UrlDescription>>();
  // a literal URL or a string may not be
  const literal = await fmg.describe('/pm/config/adom/root/obj/firewall/address/h1');
  expectType<Equal<typeof literal, UrlDescription | undefined>>();
  expectType<Equal<Awaited<ReturnType<typeof describeUrl>>, UrlDescription | undefined>>();
}
