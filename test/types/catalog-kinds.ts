/** Type tests: singletons, exec, member and read-only (get) URLs (checked by `npm run typecheck`). */
import type { SysLoginUser, SysStatus, SystemDns } from '../../src/fortimanager/catalog/generated/index.js';
import type {
  EntryOf,
  FmgLooseObject,
  GetReply,
  MethodsOf,
  ObjectOf,
  UrlParamsOf,
  WriteData,
} from '../../src/fortimanager/catalog/types.js';
import { accepts, type Equal, expectType } from './expect.js';

// --- singletons (kind 'object') ---
expectType<Equal<EntryOf<'/cli/global/system/dns'>['kind'], 'object'>>();
expectType<Equal<MethodsOf<'/cli/global/system/dns'>, 'get' | 'set' | 'update' | 'replace'>>();
expectType<Equal<GetReply<'/cli/global/system/dns'>, SystemDns & { oid?: number }>>();
accepts<WriteData<'/cli/global/system/dns', 'update'>>({ primary: '192.0.2.53' });
expectType<Equal<WriteData<'/cli/global/system/dns', 'add'>, never>>();
accepts<WriteData<'/cli/global/system/global', 'set'>>({
  'adom-status': 'enable',
  'disable-module': ['siem'],
});
// @ts-expect-error not a module name
accepts<WriteData<'/cli/global/system/global', 'set'>>({ 'disable-module': ['noc'] });
accepts<WriteData<'/pm/config/adom/{adom}/obj/adom/options', 'set'>>({ assign_excluded: 'disable' });
type RateLimit = '/pm/config/adom/{adom}/obj/firewall/gtp/{gtp}/message-rate-limit';
expectType<Equal<UrlParamsOf<RateLimit>, { adom: string | number; gtp: string | number }>>();
accepts<WriteData<RateLimit, 'update'>>({ 'echo-request': 100 });
// @ts-expect-error a rate is a number
accepts<WriteData<RateLimit, 'update'>>({ 'echo-request': '100' });
accepts<
  WriteData<
    '/pm/config/adom/{adom}/obj/extender-controller/extender-profile/{extender-profile}/cellular',
    'set'
  >
>({});

// --- exec ---
expectType<Equal<MethodsOf<'/sys/login/user'>, 'exec'>>();
expectType<Equal<ObjectOf<'/sys/login/user'>, SysLoginUser>>();
accepts<WriteData<'/sys/login/user', 'exec'>>({ user: 'admin', passwd: 'secret' });
// @ts-expect-error the field is passwd
accepts<WriteData<'/sys/login/user', 'exec'>>({ user: 'admin', password: 'secret' });
expectType<Equal<WriteData<'/sys/login/user', 'get'>, never>>();
accepts<WriteData<'/securityconsole/install/package', 'exec'>>({
  adom: 'root',
  pkg: 'default',
  flags: ['preview'],
  scope: [{ name: 'fgt1', vdom: 'root' }],
});
// @ts-expect-error not an install flag
accepts<WriteData<'/securityconsole/install/package', 'exec'>>({ flags: ['dry-run'] });
accepts<WriteData<'/securityconsole/install/device', 'exec'>>({ adom: 'root', flags: ['none'] });
accepts<WriteData<'/sys/proxy/json', 'exec'>>({
  action: 'get',
  resource: '/api/v2/monitor/system/status',
  target: ['adom/root/device/fgt1'],
});
// @ts-expect-error proxy actions are get/post/put/delete
accepts<WriteData<'/sys/proxy/json', 'exec'>>({ action: 'patch' });
expectType<Equal<EntryOf<'/dvmdb/adom/{adom}/workflow/approve/{session_id}'>['body'], 'workflow'>>();
expectType<Equal<UrlParamsOf<'/dvmdb/adom/{adom}/workspace/lock'>, { adom: string | number }>>();
expectType<Equal<WriteData<'/dvmdb/adom/{adom}/workspace/lock', 'exec'>, FmgLooseObject>>();

// --- member lists ---
type ScopeMember = '/pm/pkg/adom/{adom}/{pkg_path}/scope member';
expectType<Equal<EntryOf<ScopeMember>['kind'], 'member'>>();
expectType<Equal<UrlParamsOf<ScopeMember>, { adom: string | number; pkg_path: string | number }>>();
expectType<Equal<MethodsOf<ScopeMember>, 'get' | 'add' | 'set' | 'delete'>>();
accepts<WriteData<ScopeMember, 'add'>>({ name: 'fgt1', vdom: 'root' });
accepts<WriteData<ScopeMember, 'delete'>>({ name: 'fgt1', vdom: 'root' });
// @ts-expect-error scope members have name and vdom
accepts<WriteData<ScopeMember, 'add'>>({ device: 'fgt1' });
expectType<Equal<GetReply<ScopeMember>, (ObjectOf<ScopeMember> & { oid?: number })[]>>();
accepts<WriteData<'/dvmdb/adom/{adom}/group/{group}/object member', 'add'>>({ name: 'fgt1', vdom: 'root' });
type SectionValue = '/pm/config/adom/{adom}/pkg/{pkg}/firewall/policy/{policy}/section value';
accepts<WriteData<SectionValue, 'set'>>({ name: 'Internet', attr: 'label' });
// @ts-expect-error not a section attr
accepts<WriteData<SectionValue, 'set'>>({ attr: 'title' });

// --- read-only selectors (kind 'get') ---
expectType<Equal<MethodsOf<'/sys/status'>, 'get'>>();
// one object of status keys (the facts have no schema for it; the overrides do)
expectType<Equal<GetReply<'/sys/status'>, SysStatus & { oid?: number }>>();
expectType<Equal<GetReply<'/sys/status'>['Version'], string | null | undefined>>();
expectType<Equal<WriteData<'/sys/status', 'set'>, never>>();
expectType<Equal<GetReply<'/task/task'>, (FmgLooseObject & { oid?: number })[]>>();
expectType<Equal<GetReply<'/task/task/{task}'>, FmgLooseObject & { oid?: number }>>();
expectType<Equal<UrlParamsOf<'/task/task/{task}/line'>, { task: string | number }>>();
type TenantExtraction =
  '/pm/config/adom/{adom}/obj/casb/user-activity/{user-activity}/match/{match}/tenant-extraction';
expectType<Equal<EntryOf<TenantExtraction>['reply'], 'one'>>();
expectType<
  Equal<GetReply<TenantExtraction, readonly ['type']>, { type?: 'json-query' } & { oid?: number }>
>();
type HaSlaves = '/dvmdb/device/{device}/ha_slave';
expectType<
  Equal<GetReply<HaSlaves, readonly ['role']>, ({ role?: 'slave' | 'master' } & { oid?: number })[]>
>();
