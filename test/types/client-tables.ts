/**
 * Type tests through the real client: table collection and item URLs (checked by `npm run typecheck`,
 * never run).
 */
import type {
  AntivirusProfile_NacQuar,
  DvmdbAdom,
  FirewallAddress,
  PkgFirewallPolicy,
} from '../../src/fortimanager/catalog/generated/index.js';
import { type FortiManager, f } from '../../src/fortimanager/index.js';
import { type Equal, expectType } from './expect.js';

declare const fmg: FortiManager;

type Meta = { oid?: number };
type Name = { name: string };
const addresses = '/pm/config/adom/{adom}/obj/firewall/address';
const address = '/pm/config/adom/{adom}/obj/firewall/address/{address}';
const policies = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';

export async function firewallAddress(): Promise<void> {
  // get: rows narrowed to the chosen fields (+ oid), an array on the collection URL
  const rows = await fmg.get(addresses, { fields: ['name', 'subnet'] });
  expectType<Equal<typeof rows, (Pick<FirewallAddress, 'name' | 'subnet'> & Name & Meta)[]>>();
  // the key comes back on every row: never undefined, never null
  expectType<Equal<(typeof rows)[number]['name'], string>>();
  expectType<Equal<(typeof rows)[number]['subnet'], [ip: string, mask: string] | undefined>>();
  const all = await fmg.get(addresses);
  expectType<Equal<typeof all, (FirewallAddress & Name & Meta)[]>>();
  // the item URL returns one object
  const one = await fmg.get(address, { params: { address: 'h1', adom: 'root' }, fields: ['type'] });
  expectType<Equal<typeof one, Pick<FirewallAddress, 'type'> & Meta>>();
  // @ts-expect-error a field the object does not have
  await fmg.get(addresses, { fields: ['name', 'subnett'] });
  // @ts-expect-error the item URL needs its key
  await fmg.get(address);
  // @ts-expect-error a placeholder the template does not have
  await fmg.get(address, { params: { name: 'h1' } });

  // filters: raw arrays and the f builder's attribute names are both checked
  await fmg.get(addresses, { filter: ['name', 'like', 'h%'] });
  await fmg.get(addresses, {
    filter: [['type', 'in', 'ipmask', 'iprange'], '&&', ['!', ['color', '==', 0]]],
  });
  await fmg.get(addresses, { filter: f.and(f.like('name', 'h%'), f.not(f.eq('type', 'fqdn'))) });
  await fmg.get(addresses, { filter: f.in('type', 'ipmask', 'iprange') });
  // @ts-expect-error the builder's attribute name is checked against the URL's object
  await fmg.get(addresses, { filter: f.eq('nmae', 'h1') });
  // @ts-expect-error also deep inside and/or/not
  await fmg.get(addresses, { filter: f.or(f.eq('name', 'h1'), f.not(f.gt('colour', 1))) });
  // @ts-expect-error a policy attribute is not an address attribute
  await fmg.get(addresses, { filter: f.and(f.eq('name', 'h1'), f.eq('policyid', 1)) });
  await fmg.get(policies, { params: { pkg: 'default' }, filter: f.eq('policyid', 1) });
  // a literal URL outside the catalog takes any attribute
  await fmg.get('/pm/config/adom/root/obj/firewall/address', { filter: f.eq('anything', 1) });
  // @ts-expect-error a filter on a field the object does not have
  await fmg.get(addresses, { filter: ['nmae', '==', 'h1'] });
  // @ts-expect-error a nested condition is checked too
  await fmg.get(addresses, { filter: [['name', '==', 'h1'], '||', ['colour', '==', 1]] });
  // @ts-expect-error not an operator
  await fmg.get(addresses, { filter: ['name', '=~', 'h1'] });
  await fmg.get(addresses, { sortings: [{ name: 1 }, { color: -1 }], range: [0, 10], loadsub: false });
  // @ts-expect-error unknown sort field
  await fmg.get(addresses, { sortings: [{ nam: 1 }] });

  // writes: data is checked, one row or a list of rows
  await fmg.add(addresses, { data: { name: 'h1', type: 'ipmask', subnet: '10.0.0.1/32' } });
  await fmg.add(addresses, {
    data: [
      { name: 'h2', subnet: ['10.0.0.2', '255.255.255.255'] },
      { name: 'h3', fqdn: 'example.com', type: 'fqdn' },
    ],
  });
  // @ts-expect-error add on the collection must name the row
  await fmg.add(addresses, { data: { subnet: '10.0.0.1/32' } });
  // @ts-expect-error every row of a list is checked
  await fmg.add(addresses, { data: [{ name: 'h4' }, { subnet: '10.0.0.4/32' }] });
  // @ts-expect-error value outside the enum
  await fmg.add(addresses, { data: { name: 'h1', type: 'ip-mask' } });
  // @ts-expect-error unknown attribute
  await fmg.set(addresses, { data: { name: 'h1', colour: 3 } });
  await fmg.update(address, { params: { address: 'h1' }, data: { color: 3, 'unset attrs': ['comment'] } });
  await fmg.set(address, { params: { address: 'h1' }, data: { comment: 'web' } });
  await fmg.replace(address, {
    params: { address: 'h1' },
    data: { name: 'h1', subnet: '10.0.0.1 255.255.255.255' },
  });
  await fmg.unset(address, { params: { address: 'h1' }, data: { 'unset attrs': ['comment'] } });
  // @ts-expect-error a number where the facts say an enum
  await fmg.update(address, { params: { address: 'h1' }, data: { 'allow-routing': 1 } });
  await fmg.clone(address, { params: { address: 'h1' }, data: { name: 'h1-copy' } });
  // @ts-expect-error clone names the copy
  await fmg.clone(address, { params: { address: 'h1' }, data: { color: 1 } });
  await fmg.delete(address, { params: { address: 'h1' } });
  await fmg.delete(addresses, { filter: ['name', 'like', 'tmp%'] });
  // @ts-expect-error add goes to the collection URL, not to an item
  await fmg.add(address, { params: { address: 'h1' }, data: { name: 'h1' } });
  // @ts-expect-error addresses cannot be moved
  await fmg.move(address, { params: { address: 'h1' }, option: 'before', target: 'h2' });
  // @ts-expect-error exec does not apply to a table
  await fmg.exec(addresses, {});

  // iterate yields the row type
  for await (const row of fmg.iterate(addresses, { fields: ['name', 'type'], pageSize: 500 })) {
    expectType<Equal<typeof row, Pick<FirewallAddress, 'name' | 'type'> & Name & Meta>>();
  }
  // @ts-expect-error iterate sets range itself
  fmg.iterate(addresses, { range: [0, 10] });
  // @ts-expect-error iterate checks fields too
  fmg.iterate(addresses, { fields: ['nmae'] });
  // pages yields pages of the same rows
  for await (const page of fmg.pages(addresses, { fields: ['name'], pageSize: 500 })) {
    expectType<Equal<typeof page, (Pick<FirewallAddress, 'name'> & Name & Meta)[]>>();
  }
  // @ts-expect-error pages sets range itself
  fmg.pages(addresses, { range: [0, 10] });
}

export async function policyPackage(): Promise<void> {
  const params = { pkg: 'default' };
  const rows = await fmg.get(policies, { params, fields: ['policyid', 'action'] });
  expectType<
    Equal<typeof rows, (Pick<PkgFirewallPolicy, 'policyid' | 'action'> & { policyid: number } & Meta)[]>
  >();
  // FortiManager numbers a new policy itself when add names none
  await fmg.add(policies, { params, data: { name: 'allow-web', action: 'accept', srcaddr: ['all'] } });
  await fmg.add(policies, { params, data: { policyid: 10, action: 'deny', schedule: 'always' } });
  // @ts-expect-error not an action
  await fmg.add(policies, { params, data: { action: 'allow' } });
  // @ts-expect-error the key is a number
  await fmg.add(policies, { params, data: { policyid: '10' } });
  // @ts-expect-error {pkg} is missing
  await fmg.add(policies, { data: { action: 'accept' } });
  const policy = `${policies}/{policy}` as const;
  const item = { pkg: 'default', policy: 10 };
  await fmg.move(policy, { params: item, option: 'after', target: 3 });
  // @ts-expect-error move says before or after
  await fmg.move(policy, { params: item, option: 'below', target: 3 });
}

export async function moreTables(): Promise<void> {
  const adoms = await fmg.get('/dvmdb/adom', { fields: ['name', 'os_ver'] });
  expectType<Equal<typeof adoms, (Pick<DvmdbAdom, 'name' | 'os_ver'> & Name & Meta)[]>>();
  await fmg.add('/dvmdb/adom', { data: { name: 'a1', os_ver: '7.0', mr: 4 } });
  // @ts-expect-error os_ver is an enum of strings
  await fmg.add('/dvmdb/adom', { data: { name: 'a1', os_ver: 7 } });

  const devices = await fmg.get('/dvmdb/adom/{adom}/device', { fields: ['name', 'sn'] });
  expectType<Equal<keyof (typeof devices)[number], 'name' | 'sn' | 'oid'>>();
  await fmg.update('/dvmdb/adom/{adom}/device/{device}', {
    params: { device: 'fgt1' },
    data: { desc: 'branch', os_type: 'fos' },
  });

  const groups = '/pm/config/adom/{adom}/obj/firewall/addrgrp';
  await fmg.add(groups, { data: { name: 'g1', member: ['h1', 'h2'], exclude: 'disable' } });
  // @ts-expect-error member is a list of names
  await fmg.add(groups, { data: { name: 'g1', member: [1] } });

  const services = '/pm/config/adom/{adom}/obj/firewall/service/custom';
  await fmg.add(services, { data: { name: 's1', helper: 'auto', protocol: 'TCP/UDP/UDP-Lite/SCTP' } });
  await fmg.clone(`${services}/{custom}`, { params: { custom: 's1' }, data: { name: 's2' } });
  await fmg.move(`${services}/{custom}`, { params: { custom: 's2' }, option: 'before', target: 's1' });

  const mappings = `${address}/dynamic_mapping` as const;
  await fmg.add(mappings, {
    params: { address: 'h1' },
    data: { _scope: [{ name: 'fgt1', vdom: 'root' }], subnet: '10.1.0.1/32' },
  });
  // @ts-expect-error a new mapping needs its scope
  await fmg.add(mappings, { params: { address: 'h1' }, data: { subnet: '10.1.0.1/32' } });

  await fmg.add('/cli/global/system/admin/user', { data: { userid: 'api1', 'rpc-permit': 'read-write' } });
  // @ts-expect-error the key of admin users is userid
  await fmg.add('/cli/global/system/admin/user', { data: { name: 'api1' } });
  const admin = await fmg.get('/cli/global/system/admin/user/{user}', { params: { user: 'api1' } });
  expectType<Equal<typeof admin.userid, string>>();

  await fmg.add('/pm/config/adom/{adom}/obj/firewall/vip', {
    data: { name: 'v1', 'ldb-method': 'round-robin' },
  });
  await fmg.add('/pm/config/adom/{adom}/obj/firewall/ippool', {
    data: { name: 'p1', 'cgn-overload': 'enable' },
  });
  await fmg.add('/pm/config/adom/{adom}/obj/user/local', {
    data: { name: 'u1', type: 'password', passwd: 'x' },
  });
  // @ts-expect-error not a user type
  await fmg.add('/pm/config/adom/{adom}/obj/user/local', { data: { name: 'u1', type: 'local' } });
  await fmg.add('/pm/config/adom/{adom}/obj/user/group', { data: { name: 'g1', company: 'optional' } });
  const webProfiles = '/pm/config/adom/{adom}/obj/webfilter/profile';
  await fmg.add(webProfiles, { data: { name: 'w1', options: ['js', 'wf-cookie'] } });
  // @ts-expect-error list items come from the choices
  await fmg.add(webProfiles, { data: { name: 'w1', options: ['javascript'] } });
  await fmg.add('/pm/config/adom/{adom}/obj/application/list', {
    data: { name: 'a1', 'other-application-action': 'block' },
  });
  const avProfiles = '/pm/config/adom/{adom}/obj/antivirus/profile';
  await fmg.add(avProfiles, { data: { name: 'av', 'nac-quar': { log: 'enable' } } });
  // @ts-expect-error nested objects are checked
  await fmg.add(avProfiles, { data: { name: 'av', 'nac-quar': { log: 'on' } } });
  const av = await fmg.get(avProfiles, { fields: ['nac-quar'] });
  expectType<Equal<(typeof av)[number]['nac-quar'], AntivirusProfile_NacQuar | null | undefined>>();
  await fmg.add('/pm/config/adom/{adom}/obj/ips/sensor/{sensor}/entries', {
    params: { sensor: 'default' },
    data: { action: 'block' },
  });
  await fmg.add('/pm/config/adom/{adom}/obj/router/access-list', { data: { name: 'acl', comments: null } });
  await fmg.add('/pm/config/adom/{adom}/obj/firewall/schedule/recurring', { data: { name: 'always' } });
  await fmg.add('/pm/config/adom/{adom}/obj/firewall/address6', {
    data: { name: 'h6', fqdn: 'example.com' },
  });
  await fmg.add('/dvmdb/adom/{adom}/script', { data: { name: 's1', target: 'device_database' } });
  await fmg.add('/cli/global/system/interface', { data: { name: 'port1', 'lacp-speed': 'fast' } });
  // @ts-expect-error unknown attribute on an interface
  await fmg.add('/cli/global/system/interface', { data: { name: 'port1', speedd: 'auto' } });
}
