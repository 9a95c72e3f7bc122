/** Type tests: table collection and item URLs (checked by `npm run typecheck`, never run). */
import type {
  AntivirusProfile_NacQuar,
  DvmdbDevice,
  FirewallAddress,
  FirewallAddressInput,
  PkgFirewallPolicy,
} from '../../src/fortimanager/catalog/generated/index.js';
import type {
  EntryOf,
  FieldName,
  FilterFor,
  GetReply,
  InputOf,
  MethodsOf,
  ObjectOf,
  SortingsFor,
  UrlParamsOf,
  WriteData,
} from '../../src/fortimanager/catalog/types.js';
import { accepts, type Equal, expectType } from './expect.js';

type Addresses = '/pm/config/adom/{adom}/obj/firewall/address';
type Address = '/pm/config/adom/{adom}/obj/firewall/address/{address}';

// --- firewall_address: entry, params, rows, writes ---
expectType<Equal<EntryOf<Addresses>['kind'], 'table'>>();
expectType<Equal<EntryOf<Addresses>['mkey'], 'name'>>();
expectType<Equal<EntryOf<Address>['item'], true>>();
expectType<Equal<ObjectOf<Addresses>, FirewallAddress>>();
expectType<Equal<InputOf<Addresses>, FirewallAddressInput>>();
expectType<Equal<UrlParamsOf<Addresses>, { adom: string | number }>>();
expectType<Equal<UrlParamsOf<Address>, { adom: string | number; address: string | number }>>();
expectType<Equal<UrlParamsOf<'/pm/config/global/obj/firewall/address'>, {}>>();
expectType<Equal<MethodsOf<Addresses>, 'get' | 'add' | 'set' | 'update' | 'replace' | 'delete'>>();
expectType<Equal<MethodsOf<Address>, 'get' | 'set' | 'update' | 'replace' | 'delete' | 'clone'>>();
// the key of a row as read is always there
expectType<Equal<GetReply<Addresses>, (FirewallAddress & { name: string } & { oid?: number })[]>>();
expectType<Equal<GetReply<Address>, FirewallAddress & { name: string } & { oid?: number }>>();
expectType<Equal<GetReply<Address, readonly ['name', 'subnet']>['name'], string>>();
// unless `fields` leaves it out
expectType<
  Equal<GetReply<Address, readonly ['subnet']>, Pick<FirewallAddress, 'subnet'> & { oid?: number }>
>();
expectType<Equal<GetReply<Addresses, readonly ['name', 'type']>[number]['type'], FirewallAddress['type']>>();
expectType<Equal<keyof GetReply<Address, readonly ['name', 'subnet']>, 'name' | 'subnet' | 'oid'>>();
expectType<Equal<FirewallAddress['subnet'], [ip: string, mask: string] | undefined>>();
expectType<Equal<FirewallAddress['allow-routing'], 'disable' | 'enable' | undefined>>();
expectType<Equal<FirewallAddress['color'], number | undefined>>();
expectType<Equal<FirewallAddress['comment'], string | string[] | null | undefined>>();

accepts<WriteData<Addresses, 'add'>>({
  name: 'h1',
  type: 'ipmask',
  subnet: '10.0.0.1/32',
  'allow-routing': 'enable',
});
accepts<WriteData<Addresses, 'set'>>({
  name: 'h1',
  subnet: ['10.0.0.1', '255.255.255.255'],
  'unset attrs': ['comment'],
});
accepts<WriteData<Addresses, 'update'>>({ name: 'h1', subnet: '10.0.0.0 255.255.255.0' });
accepts<WriteData<Address, 'update'>>({ color: 3 });
accepts<WriteData<Address, 'clone'>>({ name: 'h1-copy' });
accepts<WriteData<Addresses, 'add'>>({
  name: 'h1',
  dynamic_mapping: [{ _scope: [{ name: 'fgt1', vdom: 'root' }] }],
});
// @ts-expect-error add on the collection must name the row
accepts<WriteData<Addresses, 'add'>>({ subnet: '10.0.0.1/32' });
// @ts-expect-error unknown attribute
accepts<WriteData<Addresses, 'add'>>({ name: 'h1', colour: 3 });
// @ts-expect-error value outside the enum
accepts<WriteData<Addresses, 'add'>>({ name: 'h1', type: 'ip-mask' });
// @ts-expect-error a number where the facts say string literal union
accepts<WriteData<Address, 'set'>>({ 'allow-routing': 1 });
// @ts-expect-error subnet is an address, not any word
accepts<WriteData<Address, 'set'>>({ subnet: 'anywhere' });
// @ts-expect-error unset attrs names must be attributes
accepts<WriteData<Address, 'set'>>({ 'unset attrs': ['colour'] });
// @ts-expect-error clone names the copy
accepts<WriteData<Address, 'clone'>>({ color: 1 });
expectType<Equal<WriteData<Address, 'move'>, never>>();
expectType<Equal<WriteData<Addresses, 'get'>, never>>();
expectType<Equal<WriteData<Addresses, 'exec'>, never>>();

accepts<FieldName<Addresses>>('wildcard-fqdn');
// @ts-expect-error not a field
accepts<FieldName<Addresses>>('wildcard_fqdn');
accepts<FilterFor<Addresses>>(['name', 'like', 'h%']);
accepts<FilterFor<Addresses>>([['type', 'in', 'ipmask', 'iprange'], '&&', ['!', ['color', '==', 0]]]);
// @ts-expect-error unknown field in a filter
accepts<FilterFor<Addresses>>(['nmae', '==', 'h1']);
// @ts-expect-error unknown operator
accepts<FilterFor<Addresses>>(['name', '=~', 'h1']);
accepts<SortingsFor<Addresses>>([{ name: 1 }, { color: -1 }]);
// @ts-expect-error unknown sort field
accepts<SortingsFor<Addresses>>([{ nam: 1 }]);

// --- firewall_address_dynamicmapping: keyed by _scope ---
type Mappings = '/pm/config/adom/{adom}/obj/firewall/address/{address}/dynamic_mapping';
expectType<Equal<EntryOf<Mappings>['required'], '_scope'>>();
accepts<WriteData<Mappings, 'add'>>({ _scope: [{ name: 'grp', 'is group': true }], subnet: '10.1.0.1/32' });
// @ts-expect-error a new mapping needs its scope
accepts<WriteData<Mappings, 'add'>>({ subnet: '10.1.0.1/32' });

// --- firewall_addrgrp ---
type Groups = '/pm/config/adom/{adom}/obj/firewall/addrgrp';
accepts<WriteData<Groups, 'add'>>({ name: 'g1', member: ['h1', 'h2'], exclude: 'disable' });
// @ts-expect-error member is a list of names
accepts<WriteData<Groups, 'add'>>({ name: 'g1', member: [1] });

// --- firewall_service_custom: clone and move on items ---
type Service = '/pm/config/adom/{adom}/obj/firewall/service/custom/{custom}';
expectType<Equal<Extract<MethodsOf<Service>, 'clone' | 'move'>, 'clone' | 'move'>>();
accepts<WriteData<'/pm/config/adom/{adom}/obj/firewall/service/custom', 'add'>>({
  name: 's1',
  helper: 'auto',
});

// --- pkg_firewall_policy: numeric key, enum, lists of names ---
type Policies = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy';
expectType<Equal<UrlParamsOf<Policies>, { adom: string | number; pkg: string | number }>>();
expectType<Equal<EntryOf<Policies>['mkey'], 'policyid'>>();
expectType<Equal<ObjectOf<Policies>, PkgFirewallPolicy>>();
accepts<WriteData<Policies, 'add'>>({
  policyid: 10,
  action: 'accept',
  srcaddr: ['all'],
  dstaddr: 'all',
  schedule: 'always',
});
// @ts-expect-error the key is a number
accepts<WriteData<Policies, 'add'>>({ policyid: '10', action: 'accept' });
// @ts-expect-error not an action
accepts<WriteData<Policies, 'add'>>({ policyid: 10, action: 'allow' });
expectType<Equal<Extract<MethodsOf<`${Policies}/{policy}`>, 'move'>, 'move'>>();

// --- dvmdb_adom and dvmdb_device ---
expectType<Equal<UrlParamsOf<'/dvmdb/adom'>, {}>>();
accepts<WriteData<'/dvmdb/adom', 'add'>>({ name: 'a1', os_ver: '7.0', mr: 4 });
// @ts-expect-error os_ver is an enum of strings
accepts<WriteData<'/dvmdb/adom', 'add'>>({ name: 'a1', os_ver: 7 });
// the facts name no key for devices; the overrides do (every device row has its name)
expectType<Equal<EntryOf<'/dvmdb/device'>['mkey'], 'name'>>();
expectType<Equal<GetReply<'/dvmdb/device', readonly ['name']>[number]['name'], string>>();
expectType<Equal<ObjectOf<'/dvmdb/adom/{adom}/device/{device}'>, DvmdbDevice>>();
accepts<WriteData<'/dvmdb/adom/{adom}/device/{device}', 'update'>>({ desc: 'branch', os_type: 'fos' });

// --- system_admin_user: key userid, placeholder user ---
type AdminUser = '/cli/global/system/admin/user/{user}';
expectType<Equal<UrlParamsOf<AdminUser>, { user: string | number }>>();
accepts<WriteData<'/cli/global/system/admin/user', 'add'>>({ userid: 'api1', 'rpc-permit': 'read-write' });
// @ts-expect-error the key of admin users is userid
accepts<WriteData<'/cli/global/system/admin/user', 'add'>>({ name: 'api1' });

// --- more tables, one check each ---
accepts<WriteData<'/pm/config/adom/{adom}/obj/firewall/vip', 'add'>>({
  name: 'v1',
  'ldb-method': 'round-robin',
});
accepts<WriteData<'/pm/config/adom/{adom}/obj/firewall/ippool', 'add'>>({
  name: 'p1',
  'cgn-overload': 'enable',
});
accepts<WriteData<'/pm/config/adom/{adom}/obj/user/local', 'add'>>({
  name: 'u1',
  type: 'password',
  passwd: 'x',
});
// @ts-expect-error not a user type
accepts<WriteData<'/pm/config/adom/{adom}/obj/user/local', 'add'>>({ name: 'u1', type: 'local' });
accepts<WriteData<'/pm/config/adom/{adom}/obj/user/group', 'add'>>({ name: 'g1', company: 'optional' });
type WebProfiles = '/pm/config/adom/{adom}/obj/webfilter/profile';
accepts<WriteData<WebProfiles, 'add'>>({ name: 'w1', options: ['js', 'wf-cookie'] });
// @ts-expect-error list items come from the choices
accepts<WriteData<WebProfiles, 'add'>>({ name: 'w1', options: ['javascript'] });
accepts<WriteData<'/pm/config/adom/{adom}/obj/application/list', 'add'>>({
  name: 'a1',
  'other-application-action': 'block',
});
accepts<WriteData<'/pm/config/adom/{adom}/obj/antivirus/profile', 'add'>>({
  name: 'av',
  'nac-quar': { log: 'enable' },
});
expectType<
  Equal<
    ObjectOf<'/pm/config/adom/{adom}/obj/antivirus/profile'>['nac-quar'],
    AntivirusProfile_NacQuar | null | undefined
  >
>();
accepts<WriteData<'/pm/config/adom/{adom}/obj/ips/sensor/{sensor}/entries', 'add'>>({
  id: 1,
  action: 'block',
});
accepts<WriteData<'/pm/config/adom/{adom}/obj/router/access-list', 'add'>>({ name: 'acl', comments: null });
accepts<WriteData<'/pm/config/adom/{adom}/obj/dynamic/interface', 'add'>>({
  name: 'wan',
  wildcard: 'disable',
});
accepts<WriteData<'/pm/config/adom/{adom}/obj/firewall/schedule/recurring', 'add'>>({ name: 'always' });
accepts<WriteData<'/pm/config/adom/{adom}/obj/firewall/address6', 'add'>>({
  name: 'h6',
  fqdn: 'example.com',
});
accepts<WriteData<'/dvmdb/adom/{adom}/script', 'add'>>({ name: 's1', target: 'device_database' });
accepts<WriteData<'/cli/global/system/interface', 'add'>>({ name: 'port1', 'lacp-speed': 'fast' });
// @ts-expect-error unknown attribute on an interface
accepts<WriteData<'/cli/global/system/interface', 'add'>>({ name: 'port1', speedd: 'auto' });
