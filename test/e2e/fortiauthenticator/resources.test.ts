/**
 * Every resource of the table and every method it allows, through the client against the simulator;
 * every method it does not allow is refused before anything is sent. The table drives the test, so
 * a resource added to the spec is covered (or the coverage check at the end fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/core/errors.js';
import { FacCredentialsRejectedError } from '../../../src/fortiauthenticator/errors.js';
import type { FacFieldFacts, FacMethod, FacResourceFacts } from '../../../src/fortiauthenticator/facts.js';
import { FAC_FIELDS } from '../../../src/fortiauthenticator/generated/fields.js';
import {
  FAC_RESOURCES,
  FacMethodNotAllowedError,
  type FortiAuthenticator,
} from '../../../src/fortiauthenticator/index.js';
import { type Harness, harness, rejection } from './harness.js';

type Obj = Record<string, unknown>;
type Call = (...args: unknown[]) => Promise<unknown>;
/** A handle seen without its resource's typing, to drive every resource alike. */
interface AnyHandle {
  readonly path: string;
  list: Call;
  iterate(options?: object): AsyncGenerator<Obj>;
  get: Call;
  create: Call;
  createMany: Call;
  update: Call;
  replace: Call;
  delete: Call;
  replaceAll: Call;
  deleteAll: Call;
  post: Call;
  download(): Promise<Buffer>;
}

const TABLE = FAC_RESOURCES as unknown as Record<string, FacResourceFacts>;
const ALL_METHODS: FacMethod[] = [
  'list',
  'get',
  'create',
  'update',
  'replace',
  'delete',
  'replaceAll',
  'deleteAll',
  'post',
];
const covered = new Set<string>();
let seq = 0;

let h: Harness;
let fac: FortiAuthenticator;

beforeAll(async () => {
  h = await harness({ fortiauthenticator: { version: '8.0.3', seed: { users: 2 } } });
  fac = h.client();
});
afterAll(() => h.close());

const handle = (key: string, parent?: number) =>
  (fac.resource as (k: string, ...p: number[]) => unknown)(
    key,
    ...(parent === undefined ? [] : [parent]),
  ) as AnyHandle;

/** A value for a field that the simulator accepts: a choice, a fresh unique string, a number. */
function valueFor(name: string, f: FacFieldFacts): unknown {
  if (f.choices) return f.choices[0];
  const n = ++seq;
  switch (f.type) {
    case 'integer':
      return n;
    case 'boolean':
      return true;
    case 'list':
      return [];
    case 'file':
      return new Uint8Array([1, 2, 3]);
    default: {
      if (name.includes('email')) return `x${n}@example.com`;
      const text = `${name.replace(/_/g, '')}${n}`;
      return f.maxLength ? text.slice(-f.maxLength) : text;
    }
  }
}

async function created(key: string, body: Obj): Promise<Obj> {
  return (await handle(key).create(body)) as Obj;
}

/** A body the simulator accepts for a create of `key` (prerequisites are created on the way). */
async function sample(key: string): Promise<Obj> {
  const n = ++seq;
  switch (key) {
    case 'localusers':
      return { username: `user-${n}`, password: 'Passw0rd!', email: `u${n}@example.com` };
    case 'ldapusers':
      return { username: `ldap${n}`, dn: `CN=ldap${n},DC=example,DC=com` };
    case 'radiususers':
      return { username: `rad${n}`, server_name: 'radius.example.com', server_address: '192.0.2.20' };
    case 'localgroup-memberships': {
      const user = await created('localusers', await sample('localusers'));
      const group = await created('usergroups', { name: `g${n}` });
      return { user: user.resource_uri, group: group.resource_uri };
    }
    case 'macdevices':
      return { name: `dev${n}`, address: `11:22:33:44:55:${(n % 256).toString(16).padStart(2, '0')}` };
    case 'macgroup-memberships': {
      const device = await created('macdevices', await sample('macdevices'));
      const group = await created('macgroups', { name: `mg${n}` });
      return { device: device.resource_uri, group: group.resource_uri };
    }
    case 'radiuspolicyclient': {
      const client = await created('radiusclients', { name: `rc${n}`, address: '10.0.0.1', secret: 's' });
      return { policy: '/api/v1/radiuspolicies/1/', client: client.resource_uri };
    }
    case 'tacpluspolicyclient': {
      const client = await created('tacplusclients', { name: `tc${n}`, address: '10.0.0.2', secret: 's' });
      return { policy: '/api/v1/tacpluspolicies/1/', client: client.resource_uri };
    }
    case 'iamusers': {
      const account = await created('iamaccounts', { name: `acct${n}`, alias: `A${n}` });
      const user = await created('localusers', await sample('localusers'));
      return { username: `iam${n}`, account: account.id, localuser: user.id };
    }
    case 'usercerts':
      return { status: 'active' };
  }
  const body: Obj = {};
  for (const [name, f] of Object.entries(FAC_FIELDS[key] ?? {})) {
    if (f.required && !f.readOnly) body[name] = valueFor(name, f);
  }
  return body;
}

/** A change for an update: the first plain writable text field, else a flag. */
function change(key: string): Obj {
  const fields = Object.entries(FAC_FIELDS[key] ?? {});
  const text = fields.find(
    ([name, f]) =>
      f.type === 'string' &&
      !f.readOnly &&
      !f.createOnly &&
      !f.writeOnly &&
      !f.choices &&
      !f.relation &&
      name !== 'address' &&
      name !== 'email' &&
      name !== 'mobile_number' &&
      name !== 'phone_number' &&
      !name.includes('password'),
  );
  if (text) return { [text[0]]: `changed${++seq}`.slice(0, text[1].maxLength ?? 40) };
  const flag = fields.find(([, f]) => f.type === 'boolean' && !f.readOnly && !f.writeOnly);
  if (flag) return { [flag[0]]: false };
  const choice = fields.find(([, f]) => f.choices && !f.readOnly && f.choices.length > 1);
  if (choice) return { [choice[0]]: choice[1].choices?.[1] };
  return { note: `n${++seq}` };
}

async function parentFor(key: string): Promise<number | undefined> {
  if (!TABLE[key]?.path.includes('{id}')) return undefined;
  const owner = key.split('/')[0] as string;
  if (owner === 'fgtgroupfilter') return 1;
  return (await created(owner, await sample(owner))).id as number;
}

const ACTION_BODIES: Record<string, () => Obj> = {
  auth: () => ({ username: 'user0001', password: 'user0001-pw' }),
  realmauth: () => ({ username: 'user0001', realm: 'local', password: 'user0001-pw' }),
  ssoauth: () => ({ event: 1, username: 'guest', user_ip: '10.0.0.9', user_groups: 'Guests' }),
  'csv/localusers': () => ({ csv: `username,password\ncsv${++seq},pw\n` }),
  upgrade: () => ({ url: 'https://images.example.com/FAC_VM-v8-build0100-FORTINET.out' }),
  licensing: () => ({ license: new Uint8Array([7, 7, 7]) }),
  recovery: () => ({ file: new Uint8Array([1, 2]), key: 'k' }),
};

async function exercise(key: string): Promise<void> {
  const facts = TABLE[key] as FacResourceFacts;
  const parent = await parentFor(key);
  const r = handle(key, parent);
  const did = (method: string) => covered.add(`${key}.${method}`);

  if (facts.kind === 'action') {
    if (facts.methods.includes('post')) {
      if (key === 'pushauth') {
        await created('localusers', {
          username: 'pusher',
          email: 'p@example.com',
          token_auth: true,
          token_type: 'ftm',
        });
        expect(await r.post({ username: 'pusher' })).toBeUndefined();
      } else if (key === 'pushauthresp') {
        // No push is pending with this id: the phone's answer is refused.
        const error = await rejection(
          r.post({ session_id: 'unknown', action: 'validate', token_code: '123456' }),
        );
        expect(error).toBeInstanceOf(FacCredentialsRejectedError);
      } else {
        const reply = await r.post((ACTION_BODIES[key] ?? (() => ({})))());
        if (key === 'licensing') expect(reply).toMatchObject({ success_message: expect.any(String) });
        if (key === 'csv/localusers') expect(reply).toMatchObject({ imported: 1 });
        if (key === 'recovery') expect(reply).toMatch(/restored/);
      }
      did('post');
    }
    if (facts.methods.includes('get')) {
      expect((await r.download()).toString()).toContain('#config-version=');
      did('get');
    }
    return;
  }

  if (facts.kind === 'singleton') {
    expect(await r.get()).toBeTypeOf('object');
    did('get');
    if (facts.methods.includes('create')) {
      expect(await r.create(await sample(key))).toBeTypeOf('object');
      did('create');
    }
    if (facts.methods.includes('update')) {
      const patch = change(key);
      const after = (await r.update(patch)) as Obj;
      expect(after).toMatchObject(patch);
      did('update');
    }
    if (facts.methods.includes('replace')) {
      const body = key === 'system/external_ip_fqdn' ? { value: 'fac9.example.com' } : await sample(key);
      expect(await r.replace(body)).toMatchObject(body);
      did('replace');
    }
    return;
  }

  let object: Obj | undefined;
  if (facts.methods.includes('create')) {
    const body = await sample(key);
    object = (await r.create(body)) as Obj;
    if (
      FAC_FIELDS[key] &&
      Object.keys(FAC_FIELDS[key] ?? {}).length > 0 &&
      key !== 'localusers/radiusattributes'
    ) {
      expect(object.resource_uri).toMatch(/^\/api\/v1\//);
    }
    const many = (await r.createMany([await sample(key), await sample(key)])) as { ok: boolean }[];
    expect(many.map((m) => m.ok)).toEqual([true, true]);
    did('create');
  }
  if (facts.methods.includes('list')) {
    if (key === 'localusers/radiusattributes') {
      // Listed the way the appliance does it: {radius_attributes: [...]}, not the envelope.
      const reply = await fac.raw('GET', `/${r.path}`);
      expect(reply.data).toMatchObject({ radius_attributes: expect.any(Array) });
    } else {
      const page = (await r.list({ limit: 2 })) as { meta: { total_count: number }; objects: Obj[] };
      expect(page.meta.total_count).toBeGreaterThan(0);
      let n = 0;
      for await (const _ of r.iterate({ limit: 1 })) n++;
      expect(n).toBe(page.meta.total_count);
      object ??= page.objects[0];
    }
    did('list');
  }
  const id = object?.id as number;
  if (facts.methods.includes('get')) {
    expect(await r.get(id)).toMatchObject({ id });
    did('get');
  }
  if (facts.methods.includes('update')) {
    const patch = change(key);
    expect(await r.update(id, patch)).toMatchObject(patch);
    did('update');
  }
  if (facts.methods.includes('replace')) {
    const body =
      key === 'fgtgroupfilter'
        ? { shortname: `fgt${++seq}`, nasname: `10.9.0.${seq % 250}` }
        : await sample(key);
    const { password: _p, secret: _s, ...visible } = body;
    expect(await r.replace(id, body)).toMatchObject({ id, ...visible });
    did('replace');
  }
  if (facts.methods.includes('replaceAll')) {
    await r.replaceAll([await sample(key), await sample(key)]);
    expect(((await r.list()) as { objects: Obj[] }).objects).toHaveLength(2);
    did('replaceAll');
  }
  if (facts.methods.includes('delete')) {
    const target = facts.methods.includes('create') ? ((await r.create(await sample(key))) as Obj) : object;
    await r.delete(target?.id as number);
    if (facts.methods.includes('get'))
      expect(await rejection(r.get(target?.id as number))).toBeInstanceOf(NotFoundError);
    did('delete');
  }
  if (facts.methods.includes('deleteAll')) {
    await r.deleteAll();
    expect(((await r.list()) as { objects: Obj[] }).objects).toHaveLength(0);
    did('deleteAll');
  }
}

describe('FortiAuthenticator client: every resource and method', () => {
  it.each(Object.keys(TABLE))('%s', async (key) => {
    await exercise(key);
  });

  it('refuses every method a resource does not allow, before sending', async () => {
    const handleMethod: Record<FacMethod, string> = {
      list: 'list',
      get: 'get',
      create: 'create',
      update: 'update',
      replace: 'replace',
      delete: 'delete',
      replaceAll: 'replaceAll',
      deleteAll: 'deleteAll',
      post: 'post',
    };
    const before = h.sim.requests;
    let refusals = 0;
    for (const [key, facts] of Object.entries(TABLE)) {
      const r = handle(key, facts.path.includes('{id}') ? 1 : undefined);
      for (const method of ALL_METHODS) {
        if (facts.methods.includes(method)) continue;
        const call = (r as unknown as Record<string, Call>)[handleMethod[method]] as Call;
        const error = await rejection(call.call(r, 1, {}, {}));
        expect(error, `${key}.${method}`).toBeInstanceOf(FacMethodNotAllowedError);
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(300);
    expect(h.sim.requests).toBe(before);
  });

  it('covered every method of every resource', () => {
    const expected = Object.entries(TABLE).flatMap(([key, facts]) => facts.methods.map((m) => `${key}.${m}`));
    expect(expected.filter((m) => !covered.has(m))).toEqual([]);
  });
});
