/**
 * The helper types in the shape the FortiManager client will use them (phase 2): a generic `get`
 * whose reply follows the URL and the chosen fields.
 */
import type {
  FieldName,
  GetReply,
  MethodsOf,
  TypedGetOptions,
  UrlParamsOf,
  WriteData,
} from '../../src/fortimanager/catalog/types.js';
import { type Equal, expectType } from './expect.js';

declare function get<U extends string, const F extends readonly FieldName<U>[] | undefined = undefined>(
  url: U,
  options: TypedGetOptions<U, F> & UrlParamsOf<U>,
): Promise<GetReply<U, F>>;

declare function add<U extends string>(
  url: U,
  options: { data: WriteData<U, 'add'> } & UrlParamsOf<U>,
): Promise<unknown>;

/** Method gating on the options: `never` when the URL does not take `exec`. */
type ExecOptions<U extends string> =
  'exec' extends MethodsOf<U> ? { data?: WriteData<U, 'exec'> } & UrlParamsOf<U> : never;

declare function exec<U extends string>(url: U, options: ExecOptions<U>): Promise<unknown>;

export async function clientShape(): Promise<void> {
  const rows = await get('/pm/config/adom/{adom}/obj/firewall/address', {
    adom: 'root',
    fields: ['name', 'subnet'],
  });
  expectType<Equal<(typeof rows)[number]['subnet'], [ip: string, mask: string] | undefined>>();
  expectType<Equal<keyof (typeof rows)[number], 'name' | 'subnet' | 'oid'>>();

  const one = await get('/pm/config/adom/{adom}/obj/firewall/address/{address}', {
    adom: 'root',
    address: 'h1',
  });
  expectType<Equal<typeof one.type, FieldType | undefined>>();

  const filtered = await get('/pm/config/adom/{adom}/obj/firewall/addrgrp', {
    adom: 'root',
    filter: [['name', 'like', 'grp%'], '||', ['!', ['color', '==', 0]]],
    sortings: [{ name: 1 }],
  });
  expectType<Equal<typeof filtered, GetReply<'/pm/config/adom/{adom}/obj/firewall/addrgrp'>>>();

  // @ts-expect-error a field the object does not have
  await get('/pm/config/adom/{adom}/obj/firewall/address', { adom: 'root', fields: ['name', 'subnett'] });
  // @ts-expect-error a filter on a field the object does not have
  await get('/pm/config/adom/{adom}/obj/firewall/address', { adom: 'root', filter: ['nmae', '==', 'x'] });
  // @ts-expect-error the adom placeholder is missing
  await get('/pm/config/adom/{adom}/obj/firewall/address', { fields: ['name'] });

  // untyped URLs keep working, loosely
  const loose = await get('/pm/config/adom/root/obj/firewall/address', { fields: ['name', 'anything'] });
  expectType<
    Equal<typeof loose, GetReply<'/pm/config/adom/root/obj/firewall/address', readonly ['name', 'anything']>>
  >();

  await add('/pm/config/adom/{adom}/obj/firewall/address', {
    adom: 'root',
    data: { name: 'h1', subnet: '10.0.0.1/32' },
  });
  // @ts-expect-error add on a collection needs the key
  await add('/pm/config/adom/{adom}/obj/firewall/address', { adom: 'root', data: { subnet: '10.0.0.1/32' } });

  await exec('/sys/login/user', { data: { user: 'admin', passwd: 'secret' } });
  // @ts-expect-error exec does not apply to a table
  await exec('/pm/config/adom/{adom}/obj/firewall/address', { adom: 'root' });
}

type FieldType =
  | 'ipmask'
  | 'iprange'
  | 'fqdn'
  | 'wildcard'
  | 'geography'
  | 'url'
  | 'wildcard-fqdn'
  | 'nsx'
  | 'aws'
  | 'dynamic'
  | 'interface-subnet'
  | 'mac'
  | 'fqdn-group'
  | 'route-tag';
