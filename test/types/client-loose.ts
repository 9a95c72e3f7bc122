/**
 * Type tests through the real client: URLs outside the catalog stay usable (typed loosely), and
 * batch items are checked like the matching calls (checked by `npm run typecheck`, never run).
 */
import type { FirewallAddress } from '../../src/fortimanager/catalog/generated/index.js';
import {
  type BatchItem,
  type BatchItemResult,
  type FmgRecord,
  type FortiManager,
  f,
} from '../../src/fortimanager/index.js';
import { type Equal, expectType } from './expect.js';

declare const fmg: FortiManager;
declare const someUrl: string;

type Meta = { oid?: number };
const addresses = '/pm/config/adom/{adom}/obj/firewall/address';

export async function looseUrls(): Promise<void> {
  // a literal URL (no placeholders): any field, any data, records back
  const literal = await fmg.get('/pm/config/adom/root/obj/firewall/address', {
    fields: ['name', 'anything'],
  });
  expectType<Equal<typeof literal, FmgRecord | FmgRecord[]>>();
  await fmg.add('/pm/config/adom/root/obj/firewall/address', { data: { name: 'h1', anything: [1, 2] } });
  await fmg.get('/pm/config/adom/root/obj/firewall/address', {
    filter: ['whatever', '==', 1],
    sortings: [{ x: 1 }],
  });
  await fmg.exec('/some/future/exec', { data: { flag: true } });
  await fmg.delete('/pm/config/adom/root/obj/firewall/address', { data: [{ name: 'h1' }] });
  // @ts-expect-error the filter operator is still checked
  await fmg.get('/pm/config/adom/root/obj/firewall/address', { filter: ['whatever', 'equals', 1] });
  // a template outside the catalog: its placeholders are still checked
  await fmg.get('/pm/config/device/{device}/vdom/{vdom}/router/static', {
    params: { device: 'fgt1', vdom: 'root' },
  });
  // @ts-expect-error {vdom} is missing
  await fmg.get('/pm/config/device/{device}/vdom/{vdom}/router/static', { params: { device: 'fgt1' } });
  for await (const row of fmg.iterate('/pm/config/adom/root/obj/firewall/address')) {
    expectType<Equal<typeof row, FmgRecord>>();
  }
  // a URL only known as a string
  const any = await fmg.get(someUrl, { params: { x: 1 }, fields: ['a'] });
  expectType<Equal<typeof any, FmgRecord | FmgRecord[]>>();
  await fmg.update(someUrl, { data: { a: 1 } });
  // a filter whose type is already wide is accepted as it is
  const built = f.or(f.eq('name', 'a'), f.eq('name', 'b'));
  await fmg.get(addresses, { filter: built });
}

export async function batches(): Promise<void> {
  const results = await fmg.batch([
    { method: 'get', url: addresses, fields: ['name', 'subnet'] },
    { method: 'add', url: addresses, data: { name: 'b1', subnet: '10.0.0.1/32' } },
    { method: 'exec', url: '/sys/login/user', data: { user: 'admin' } },
    { method: 'get', url: '/pm/config/adom/root/obj/firewall/address' },
  ]);
  const [rows, added] = results;
  if (rows.ok)
    expectType<
      Equal<typeof rows.data, (Pick<FirewallAddress, 'name' | 'subnet'> & { name: string } & Meta)[]>
    >();
  // a batch item's reply is what the call answers: the new row's key
  if (added.ok) expectType<Equal<typeof added.data, { name: string }>>();
  await fmg.batch([
    // @ts-expect-error a field the object does not have
    { method: 'get', url: addresses, fields: ['nmae'] },
  ]);
  await fmg.batch([
    // @ts-expect-error value outside the enum
    { method: 'add', url: addresses, data: { name: 'b1', type: 'ip-mask' } },
  ]);
  await fmg.batch([
    // @ts-expect-error add on the collection must name the row
    { method: 'add', url: addresses, data: { subnet: '10.0.0.1/32' } },
  ]);
  await fmg.batch([
    // @ts-expect-error a singleton has no rows to add
    { method: 'add', url: '/cli/global/system/dns', data: { primary: '192.0.2.53' } },
  ]);
  await fmg.batch([
    // @ts-expect-error a raw filter is checked
    { method: 'get', url: addresses, filter: ['nmae', '==', 'x'] },
  ]);
  // items built elsewhere, with wide url or method types, stay loose
  const items: BatchItem[] = [{ method: 'add', url: addresses, data: { name: 'b1', colour: 3 } }];
  const loose = await fmg.batch(items);
  // One name per idea: FortiManager's per-item outcome is BatchItemResult (FortiCare's BatchResult is a summary).
  expectType<Equal<typeof loose, BatchItemResult[]>>();
}
