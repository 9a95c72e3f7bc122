/**
 * Type tests through the real client: data as everyday code builds it — in a variable, in a loop,
 * from a parsed CSV/YAML file — compiles without casts, while literals written in the call are
 * still checked (checked by `npm run typecheck`, never run).
 */
import type {
  FirewallAddress,
  FirewallAddressInput,
  FortiManager,
  PkgFirewallPolicy,
  WriteData,
} from '../../src/fortimanager/index.js';
import { type Equal, expectType } from './expect.js';

declare const fmg: FortiManager;
declare const parsed: Record<string, unknown>[];
declare const someString: string;
declare const someNumber: number;

const url = '/pm/config/adom/{adom}/obj/firewall/address';
const policies = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';

export async function dataInVariables(): Promise<void> {
  // widened to { name: string; subnet: string }: a string where the type is `${ip}/${len}`, still fine
  const data = { name: 'h1', subnet: '10.0.0.1/32' };
  await fmg.add(url, { data });
  // rows from a loop, a list of them at once
  const rows: { name: string; subnet: string; comment: string }[] = [];
  for (const row of rows) await fmg.add(url, { data: row });
  await fmg.add(url, { data: rows });
  await fmg.add(url, { data: rows.map((row) => ({ ...row, color: 3 })) });
  // an enum value from a variable typed string; validate: true checks it at run time
  const policy = {
    name: 'p1',
    srcintf: ['port1'],
    dstintf: 'port2',
    action: 'accept',
    schedule: 'always',
    service: ['ALL'],
    srcaddr: ['all'],
    dstaddr: ['all'],
  };
  await fmg.add(policies, { params: { pkg: 'default' }, data: policy });
  await fmg.update(`${url}/{address}`, { params: { address: 'h1' }, data: { type: someString } });
  await fmg.update(`${url}/{address}`, { params: { address: 'h1' }, data: { color: someNumber } });
  // nested rows built in a variable
  const scope = [{ name: 'fgt1', vdom: someString }];
  await fmg.add(`${url}/{address}/dynamic_mapping`, {
    params: { address: 'h1' },
    data: { _scope: scope, subnet: someString },
  });
}

export async function dataFromFiles(): Promise<void> {
  // parsed CSV/YAML rows: an index signature, checked at run time by `validate: true`
  for (const row of parsed) await fmg.add(url, { data: row });
  await fmg.add(url, { data: parsed });
  const fromYaml = JSON.parse('{}') as Record<string, unknown>;
  await fmg.set(url, { data: fromYaml });
  // a row typed by its own columns
  await fmg.add(url, { data: fromYaml as { name: string } });
}

export async function batches(): Promise<void> {
  const row = { name: 'b1', subnet: '10.0.0.1/32', type: someString };
  const [added] = await fmg.batch([{ method: 'add', url, data: row }]);
  if (added.ok) expectType<Equal<typeof added.data, { name: string }>>();
  await fmg.batch([{ method: 'add', url, data: parsed }]);
  await fmg.batch([
    // @ts-expect-error an attribute the object does not have, also in a batch item
    { method: 'add', url, data: { name: 'b1', colour: 3 } },
  ]);
}

export async function annotatedVariables(): Promise<void> {
  // the per-object types, for code that declares its own variables
  const input: FirewallAddressInput = { name: 'h1', type: 'ipmask', subnet: '10.0.0.1/32' };
  await fmg.add(url, { data: { ...input, name: 'h1' } });
  const rows: WriteData<typeof url, 'add'> = [
    { name: 'h1' },
    { name: 'h2', type: 'fqdn', fqdn: 'a.example' },
  ];
  await fmg.add(url, { data: rows });
  const policy: Partial<PkgFirewallPolicy> = { action: 'accept', srcaddr: ['all'] };
  await fmg.add(policies, { params: { pkg: 'default' }, data: policy });
  const read: FirewallAddress = { name: 'h1', subnet: ['10.0.0.1', '255.255.255.255'] };
  // a row as read, written back (`[ip, mask]` subnets are accepted)
  await fmg.set(`${url}/{address}`, { params: { address: 'h1' }, data: read });
  expectType<Equal<FirewallAddress['subnet'], [ip: string, mask: string] | undefined>>();
}

export async function stillChecked(): Promise<void> {
  // @ts-expect-error a literal outside the enum
  await fmg.add(url, { data: { name: 'h1', type: 'ip-mask' } });
  const profiles = '/pm/config/adom/{adom}/obj/webfilter/profile';
  // @ts-expect-error also in a list of choices
  await fmg.add(profiles, { data: { name: 'w', options: ['javascript'] } });
  // @ts-expect-error an unknown attribute in an inline literal
  await fmg.add(url, { data: { name: 'h1', colour: 3 } });
  const typo = { name: 'h1', colour: 3 };
  // @ts-expect-error and in a variable
  await fmg.add(url, { data: typo });
  const mappings = `${url}/{address}/dynamic_mapping` as const;
  // @ts-expect-error and in a nested row
  await fmg.add(mappings, { params: { address: 'h1' }, data: { _scope: [{ nmae: 'x' }] } });
  // @ts-expect-error a wide string where the attribute takes numbers only
  await fmg.update(`${url}/{address}`, { params: { address: 'h1' }, data: { color: someString } });
  // @ts-expect-error a list where the attribute takes one value
  await fmg.update(`${url}/{address}`, { params: { address: 'h1' }, data: { color: [1] } });
  // @ts-expect-error a row in a variable without its key
  await fmg.add(url, { data: { subnet: someString } });
  const unnamed = [{ name: 'a' }, { subnet: '10.0.0.1/32' }] as const;
  // @ts-expect-error every row of a list needs it
  await fmg.add(url, { data: unnamed });
  // @ts-expect-error add on a singleton
  await fmg.add('/cli/global/system/dns', { data: { primary: someString } });
  // @ts-expect-error a boolean where the key is a string
  await fmg.add(url, { data: { name: true } });
}

/** The calls of issue 12's report, each of which failed to compile or was typed wrong. */
export async function issueReport(): Promise<void> {
  const data = { name: 'h1', subnet: '10.0.0.1/32' };
  const added = await fmg.add(url, { data });
  expectType<Equal<typeof added, { name: string }>>();
  const count = await fmg.get(url, { option: 'count' });
  const c: number = count;
  const status = await fmg.get('/sys/status');
  const version: string | null | undefined = status.Version;
  const devs = await fmg.get('/dvmdb/adom/{adom}/device', { fields: ['name'] });
  const n: string = devs[0]!.name;
  await fmg.installPackage({ pkg: 'default', scope: devs.map((d) => d.name) });
  expectType<Equal<[typeof c, typeof version, typeof n], [number, string | null | undefined, string]>>();
}
