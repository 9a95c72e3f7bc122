/**
 * Type tests through the real client: singletons, exec, member and read-only (get) URLs (checked by
 * `npm run typecheck`, never run).
 */
import type {
  DvmdbDeviceHaslave,
  PmPkgScopemember,
  SysStatus,
  SystemDns,
  SystemGlobal,
} from '../../src/fortimanager/catalog/generated/index.js';
import type { FmgLooseObject } from '../../src/fortimanager/catalog/types.js';
import type { FortiManager } from '../../src/fortimanager/index.js';
import { type Equal, expectType } from './expect.js';

declare const fmg: FortiManager;

type Meta = { oid?: number };

export async function singletons(): Promise<void> {
  const dns = await fmg.get('/cli/global/system/dns');
  expectType<Equal<typeof dns, SystemDns & Meta>>();
  const global = await fmg.get('/cli/global/system/global', { fields: ['workspace-mode', 'adom-status'] });
  expectType<Equal<typeof global, Pick<SystemGlobal, 'workspace-mode' | 'adom-status'> & Meta>>();
  await fmg.update('/cli/global/system/dns', { data: { primary: '192.0.2.53' } });
  await fmg.set('/cli/global/system/global', {
    data: { 'adom-status': 'enable', 'disable-module': ['siem'] },
  });
  await fmg.unset('/cli/global/system/dns', { data: { 'unset attrs': ['secondary'] } });
  // @ts-expect-error not a module name
  await fmg.set('/cli/global/system/global', { data: { 'disable-module': ['noc'] } });
  // @ts-expect-error a singleton has no rows to add
  await fmg.add('/cli/global/system/dns', { data: { primary: '192.0.2.53' } });
  // @ts-expect-error nor to delete
  await fmg.delete('/cli/global/system/dns');
  // @ts-expect-error unknown attribute
  await fmg.update('/cli/global/system/dns', { data: { tertiary: '192.0.2.54' } });

  await fmg.set('/pm/config/adom/{adom}/obj/adom/options', { data: { assign_excluded: 'disable' } });
  const rateLimit = '/pm/config/adom/{adom}/obj/firewall/gtp/{gtp}/message-rate-limit';
  await fmg.update(rateLimit, { params: { gtp: 'g1' }, data: { 'echo-request': 100 } });
  // @ts-expect-error a rate is a number
  await fmg.update(rateLimit, { params: { gtp: 'g1' }, data: { 'echo-request': '100' } });
  // @ts-expect-error {gtp} is missing
  await fmg.update(rateLimit, { data: { 'echo-request': 100 } });
}

export async function execs(): Promise<void> {
  await fmg.exec('/sys/login/user', { data: { user: 'admin', passwd: 'secret' } });
  // @ts-expect-error the field is passwd
  await fmg.exec('/sys/login/user', { data: { user: 'admin', password: 'secret' } });
  // @ts-expect-error exec URLs take exec only
  await fmg.get('/sys/login/user');
  await fmg.exec('/securityconsole/install/package', {
    data: { adom: 'root', pkg: 'default', flags: ['preview'], scope: [{ name: 'fgt1', vdom: 'root' }] },
  });
  // @ts-expect-error not an install flag
  await fmg.exec('/securityconsole/install/package', { data: { flags: ['dry-run'] } });
  await fmg.exec('/securityconsole/install/device', { data: { adom: 'root', flags: ['none'] } });
  await fmg.exec('/securityconsole/assign/package', { data: { pkg: 'default', flags: ['cp_all_objs'] } });
  await fmg.exec('/dvm/cmd/add/device', { data: { adom: 'root', flags: ['create_task', 'nonblocking'] } });
  // @ts-expect-error not a dvm flag
  await fmg.exec('/dvm/cmd/add/device', { data: { flags: ['blocking'] } });
  await fmg.exec('/sys/proxy/json', {
    data: { action: 'get', resource: '/api/v2/monitor/system/status', target: ['adom/root/device/fgt1'] },
  });
  // @ts-expect-error proxy actions are get/post/put/delete
  await fmg.exec('/sys/proxy/json', { data: { action: 'patch' } });
  // facts without attributes: any data, placeholders still checked
  await fmg.exec('/dvmdb/adom/{adom}/workspace/lock');
  await fmg.exec('/dvmdb/adom/{adom}/workspace/lock/pkg/{package_path_name}', {
    params: { package_path_name: 'folder/default' },
  });
  // @ts-expect-error {package_path_name} is missing
  await fmg.exec('/dvmdb/adom/{adom}/workspace/lock/pkg/{package_path_name}');
}

export async function members(): Promise<void> {
  const scope = '/pm/pkg/adom/{adom}/{pkg_path}/scope member';
  const params = { pkg_path: 'folder/default' };
  const rows = await fmg.get(scope, { params });
  expectType<Equal<typeof rows, (PmPkgScopemember & Meta)[]>>();
  await fmg.add(scope, {
    params,
    data: [
      { name: 'fgt1', vdom: 'root' },
      { name: 'fgt2', vdom: 'root' },
    ],
  });
  await fmg.delete(scope, { params, data: { name: 'fgt1', vdom: 'root' } });
  // @ts-expect-error scope members have name and vdom
  await fmg.add(scope, { params, data: { device: 'fgt1' } });
  // @ts-expect-error members are not updated one by one
  await fmg.update(scope, { params, data: { name: 'fgt1' } });
  await fmg.add('/dvmdb/adom/{adom}/group/{group}/object member', {
    params: { group: 'branches' },
    data: { name: 'fgt1', vdom: 'root' },
  });
  const section = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy/{policy}/section value';
  await fmg.set(section, {
    params: { pkg: 'default', policy: 1 },
    data: { name: 'Internet', attr: 'label' },
  });
  // @ts-expect-error not a section attr
  await fmg.set(section, { params: { pkg: 'default', policy: 1 }, data: { attr: 'title' } });
}

export async function readOnly(): Promise<void> {
  // one object (the facts have no schema for /sys/status; the catalog overrides give it)
  const status = await fmg.get('/sys/status');
  expectType<Equal<typeof status, SysStatus & Meta>>();
  // @ts-expect-error read-only
  await fmg.set('/sys/status', { data: {} });
  const tasks = await fmg.get('/task/task', { filter: ['percent', '<', 100] });
  expectType<Equal<typeof tasks, (FmgLooseObject & Meta)[]>>();
  const task = await fmg.get('/task/task/{task}', { params: { task: 12 } });
  expectType<Equal<typeof task, FmgLooseObject & Meta>>();
  const slaves = await fmg.get('/dvmdb/device/{device}/ha_slave', {
    params: { device: 'fgt1' },
    fields: ['role'],
  });
  expectType<Equal<typeof slaves, (Pick<DvmdbDeviceHaslave, 'role'> & Meta)[]>>();
  // @ts-expect-error not an attribute of an HA member
  await fmg.get('/dvmdb/device/{device}/ha_slave', { params: { device: 'fgt1' }, fields: ['priority'] });
  const extraction = await fmg.get(
    '/pm/config/adom/{adom}/obj/casb/user-activity/{user-activity}/match/{match}/tenant-extraction',
    { params: { 'user-activity': 'a', match: 1 }, fields: ['type'] },
  );
  expectType<Equal<typeof extraction, { type?: 'json-query' } & Meta>>();
  for await (const line of fmg.iterate('/task/task/{task}/line', { params: { task: 12 } })) {
    expectType<Equal<typeof line, FmgLooseObject & Meta>>();
  }
}
