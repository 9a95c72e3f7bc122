/** Type tests: URLs outside the catalog stay usable, typed loosely (checked by `npm run typecheck`). */
import type {
  CatalogUrl,
  EntryOf,
  FieldName,
  FilterFor,
  FmgLooseObject,
  FmgMethod,
  GetReply,
  LooseEntry,
  MethodsOf,
  ObjectOf,
  TemplateParams,
  UrlParamsOf,
  WriteData,
} from '../../src/fortimanager/catalog/types.js';
import { accepts, type Equal, expectType } from './expect.js';

type Literal = '/pm/config/adom/root/obj/firewall/address';
type Device = '/pm/config/device/{device}/vdom/{vdom}/router/static';

accepts<CatalogUrl>('/pm/config/adom/{adom}/obj/firewall/address');
// @ts-expect-error a literal URL is not a catalog template
accepts<CatalogUrl>('/pm/config/adom/root/obj/firewall/address');
expectType<Equal<EntryOf<Literal>, LooseEntry>>();
expectType<Equal<EntryOf<string>, LooseEntry>>();
expectType<Equal<ObjectOf<Literal>, FmgLooseObject>>();
expectType<Equal<FieldName<Literal>, string>>();
expectType<Equal<MethodsOf<Literal>, FmgMethod>>();
expectType<Equal<UrlParamsOf<Literal>, {}>>();
expectType<Equal<UrlParamsOf<Device>, { device: string | number; vdom: string | number }>>();
expectType<Equal<TemplateParams<'/a/{x}/b/{y-z}/c'>, 'x' | 'y-z'>>();
expectType<Equal<TemplateParams<'/a/b'>, never>>();
expectType<
  Equal<GetReply<Literal>, (FmgLooseObject & { oid?: number }) | (FmgLooseObject & { oid?: number })[]>
>();
expectType<
  Equal<
    GetReply<Device, readonly ['dst']>,
    ({ dst: unknown } & { oid?: number }) | ({ dst: unknown } & { oid?: number })[]
  >
>();
accepts<WriteData<Literal, 'add'>>({ name: 'h1', anything: [1, 2] });
accepts<WriteData<Device, 'exec'>>({});
accepts<FilterFor<Literal>>(['whatever', '==', 1]);
// @ts-expect-error the operator is still checked
accepts<FilterFor<Literal>>(['whatever', 'equals', 1]);
