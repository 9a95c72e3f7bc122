/**
 * The request patterns of public FortiAuthenticator clients, replayed as they send them, so that
 * such clients work against the simulator unmodified: a census tool that walks every page with
 * `limit=1000` and follows `meta.next`; a provisioning CLI that looks users up with
 * `username__exact`, picks unlocked tokens, normalises a list reply of POST /localusers/, adds
 * memberships and rolls back by `resource_uri`; a PowerShell module that appends `/?format=json`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Wire, wire } from './wire.js';

type Obj = Record<string, unknown>;
interface Page {
  meta: { next: string | null; total_count: number; offset: number };
  objects: Obj[];
}

describe('FortiAuthenticator simulator: patterns of existing clients', () => {
  let w: Wire;
  afterEach(() => w.sim.close());

  it('a census walk: limit=1000, follow meta.next to the end, never a short read', async () => {
    w = await wire({ fortiauthenticator: { seed: { users: 2345 } } });
    const rows: Obj[] = [];
    const offsets = new Set<number>();
    let page = (await w.call('GET', '/api/v1/localusers/?limit=1000')).json as Page;
    for (;;) {
      expect(offsets.has(page.meta.offset)).toBe(false);
      offsets.add(page.meta.offset);
      rows.push(...page.objects);
      if (!page.meta.next) break;
      page = (await w.call('GET', page.meta.next)).json as Page;
    }
    expect(rows).toHaveLength(page.meta.total_count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2345);
    // Singletons answer a bare object, collections the envelope: detectable from the payload.
    const info = (await w.call('GET', '/api/v1/systeminfo/')).json as Obj;
    expect(info).not.toHaveProperty('objects');
    expect(info.firmware).toMatch(/^FACVM v8\.0\.3/);
  });

  it('a provisioning CLI: look up, pick an unlocked token, create (dict or list reply), add to groups, roll back', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.3' } });
    await w.call('POST', '/api/v1/usergroups/', { body: { name: 'VPN-Users' } });
    expect(
      ((await w.call('GET', '/api/v1/localusers/?username__exact=jsmith')).json as Page).objects,
    ).toEqual([]);
    const group = ((await w.call('GET', '/api/v1/usergroups/?name=VPN-Users')).json as Page)
      .objects[0] as Obj;

    // get_all("/fortitokens/", limit=100) following meta.next with params dropped after the first page.
    const tokens: Obj[] = [];
    let next: string | null = '/api/v1/fortitokens/?limit=100';
    while (next) {
      const page: Page = (await w.call('GET', next)).json as Page;
      tokens.push(...page.objects);
      next = page.meta.next;
    }
    const usable = tokens.filter(
      (t) => t.status === 'available' && t.type === 'ftm' && !t.locked && t.license,
    );
    expect(usable.length).toBeLessThan(tokens.filter((t) => t.type === 'ftm').length);

    const created = await w.call('POST', '/api/v1/localusers/', {
      body: {
        username: 'jsmith',
        first_name: 'J',
        last_name: 'Smith',
        email: 'jsmith@example.com',
        active: true,
        custom1: 'CUST1',
        custom2: 'TICKET-1',
        custom3: 'fauth-cli:op@host',
        mobile_number: '+46-701234567',
        token_auth: true,
        token_type: 'ftm',
        token_serial: usable[0]?.serial,
        ftm_act_method: 'email',
      },
    });
    expect(created.status).toBeLessThan(300);
    const body = created.json;
    const user = (Array.isArray(body) ? body[0] : body) as Obj;
    expect(user).toMatchObject({
      resource_uri: '/api/v1/localusers/1/',
      id: 1,
      token_serial: usable[0]?.serial,
    });

    const membership = await w.call('POST', '/api/v1/localgroup-memberships/', {
      body: { user: user.resource_uri, group: group.resource_uri },
    });
    const uri = (membership.json as Obj).resource_uri as string;
    expect(uri).toBe('/api/v1/localgroup-memberships/1/');
    // Roll back by the URIs the replies gave.
    expect((await w.call('DELETE', uri)).status).toBe(204);
    expect((await w.call('DELETE', user.resource_uri as string)).status).toBe(204);
    expect(
      ((await w.call('GET', '/api/v1/localusers/?username__exact=jsmith')).json as Page).objects,
    ).toEqual([]);
  });

  it('a PowerShell module: <resource>/?format=json and localusers/<id>/radiusattributes/?format=json', async () => {
    w = await wire({ fortiauthenticator: { seed: { users: 2 } } });
    const users = (await w.call('GET', '/api/v1/localusers/?format=json')).json as Page;
    expect(users.meta.total_count).toBe(2);
    const id = users.objects[0]?.id as number;
    await w.call('POST', `/api/v1/localusers/${id}/radiusattributes/?format=json`, {
      body: { attribute: 'Fortinet-Group-Name', attr_val: 'admins' },
    });
    const attrs = (await w.call('GET', `/api/v1/localusers/${id}/radiusattributes/?format=json`)).json as Obj;
    expect(attrs.radius_attributes).toEqual([expect.objectContaining({ attribute: 'Fortinet-Group-Name' })]);
    expect(((await w.call('GET', '/api/v1/fgtgroupfilter/?format=json')).json as Page).objects).toHaveLength(
      2,
    );
    expect(
      ((await w.call('GET', '/api/v1/localgroup-memberships/?format=json')).json as Page).objects,
    ).toEqual([]);
  });
});
