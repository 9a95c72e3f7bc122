import { afterEach, describe, expect, it } from 'vitest';
import { basicOf, type Wire, wire } from './wire.js';

type Obj = Record<string, unknown>;
const objects = (reply: { json: unknown }) => (reply.json as { objects: Obj[] }).objects;

describe('FortiAuthenticator simulator: what each resource enforces', () => {
  let w: Wire;
  afterEach(() => w.sim.close());

  it('local users: FortiToken assignment skips locked tokens, refuses a locked or taken serial, and frees it on delete', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const tokens = objects(await w.call('GET', '/api/v1/fortitokens/?type=ftm&limit=100'));
    const locked = tokens.find((t) => t.locked === true) as Obj;
    const refused = await w.call('POST', '/api/v1/localusers/', {
      body: {
        username: 'ann',
        email: 'ann@example.com',
        token_auth: true,
        token_type: 'ftm',
        token_serial: locked.serial,
      },
    });
    expect(refused).toMatchObject({
      status: 400,
      json: { error: 'This serial number is not available for use.' },
    });
    expect(objects(await w.call('GET', '/api/v1/localusers/?username=ann'))).toHaveLength(0);

    const ann = await w.call('POST', '/api/v1/localusers/', {
      body: { username: 'ann', email: 'ann@example.com', token_auth: true, token_type: 'ftm' },
    });
    const serial = (ann.json as Obj).token_serial as string;
    expect(serial).toMatch(/^FTKMOB/);
    expect(tokens.find((t) => t.serial === serial)?.locked).toBe(false);
    const token = objects(await w.call('GET', `/api/v1/fortitokens/?serial=${serial}`))[0] as Obj;
    expect(token.status).toBe('assigned');
    const taken = await w.call('POST', '/api/v1/localusers/', {
      body: {
        username: 'bob',
        email: 'bob@example.com',
        token_auth: true,
        token_type: 'ftm',
        token_serial: serial,
      },
    });
    expect(taken.json).toEqual({ error: 'This serial number is not available for use.' });
    expect((await w.call('DELETE', `/api/v1/fortitokens/${token.id}/`)).status).toBe(400);
    // The activation mail and the generated password went out.
    expect(w.sim.fortiauthenticator.outbox.map((m) => m.subject)).toEqual([
      'Your new account',
      'FortiToken Mobile activation',
    ]);

    await w.call('DELETE', `/api/v1/localusers/${(ann.json as Obj).id}/`);
    expect(objects(await w.call('GET', `/api/v1/fortitokens/?serial=${serial}`))[0]).toMatchObject({
      status: 'available',
    });
  });

  it('local users: field rules (charset, e-mail when no password, mobile format, token type needs)', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const post = (body: Obj) => w.call('POST', '/api/v1/localusers/', { body });
    expect((await post({ username: 'ann' })).json).toEqual({
      localusers: { email: ['An email address is required when no password is given.'] },
    });
    expect((await post({ username: 'ann', password: 'p', mobile_number: '+46701234567' })).json).toEqual({
      localusers: {
        mobile_number: ['Enter a mobile number as +<country code>-<number>, e.g. +46-701234567.'],
      },
    });
    expect(
      (await post({ username: 'ann', password: 'p', token_auth: true, token_type: 'sms' })).json,
    ).toEqual({
      localusers: { mobile_number: ["A mobile number is required for token type 'sms'."] },
    });
    expect((await post({ username: 'ann', password: 'p', token_type: 'bogus' })).json).toEqual({
      localusers: { token_type: ['Select a valid choice. bogus is not one of the available choices.'] },
    });
    expect((await post({ username: 'a'.repeat(254), password: 'p' })).json).toEqual({
      localusers: { username: ['Ensure this value has at most 253 characters (it has 254).'] },
    });
    const ok = await post({ username: 'ann', password: 'p', active: 'false', custom1: 'c1' });
    expect(ok.json).toMatchObject({ active: false, custom1: 'c1', token_serial: '', user_groups: [] });
  });

  it('the FortiToken Mobile activation can fail although the user is created and mailed', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    w.sim.fortiauthenticator.failActivationMail();
    const first = await w.call('POST', '/api/v1/localusers/', {
      body: { username: 'ann', email: 'ann@example.com', token_auth: true, token_type: 'ftm' },
    });
    expect(first).toMatchObject({
      status: 400,
      json: { error: 'Failed to send FortiToken Mobile activation message' },
    });
    expect(objects(await w.call('GET', '/api/v1/localusers/?username__exact=ann'))).toHaveLength(1);
    expect(
      w.sim.fortiauthenticator.outbox.filter((m) => m.subject === 'FortiToken Mobile activation'),
    ).toHaveLength(1);
  });

  it('group members are one set of memberships, seen from groups, users and memberships alike', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0', seed: { users: 3 } } });
    await w.call('POST', '/api/v1/usergroups/', { body: { name: 'VPN', users: ['/api/v1/localusers/1/'] } });
    expect((await w.call('POST', '/api/v1/usergroups/', { body: { name: 'VPN' } })).json).toEqual({
      usergroups: { name: ['A user group with that name already exists.'] },
    });
    const member = await w.call('POST', '/api/v1/localgroup-memberships/', {
      body: { user: '/api/v1/localusers/2/', group: '/api/v1/usergroups/1/' },
    });
    expect(member.json).toMatchObject({ group_name: 'VPN', username: 'user0002' });
    const twice = await w.call('POST', '/api/v1/localgroup-memberships/', {
      body: { user: '/api/v1/localusers/2/', group: '/api/v1/usergroups/1/' },
    });
    expect(twice.json).toEqual({
      'localgroup-memberships': { __all__: ['A membership of this member in this group already exists.'] },
    });
    const unknown = await w.call('POST', '/api/v1/localgroup-memberships/', {
      body: { user: '/api/v1/localusers/99/', group: '/api/v1/usergroups/1/' },
    });
    expect(unknown.json).toEqual({
      'localgroup-memberships': {
        user: ["Could not find the provided object via resource URI '/api/v1/localusers/99/'."],
      },
    });
    expect((await w.call('GET', '/api/v1/usergroups/1/')).json).toMatchObject({
      users: ['/api/v1/localusers/1/', '/api/v1/localusers/2/'],
    });
    expect((await w.call('GET', '/api/v1/usergroups/1/?return_members=false')).json).not.toHaveProperty(
      'users',
    );
    expect((await w.call('GET', '/api/v1/localusers/2/')).json).toMatchObject({
      user_groups: ['/api/v1/usergroups/1/'],
    });
    expect(
      objects(await w.call('GET', '/api/v1/localgroup-memberships/?group=1&username__icontains=0002')),
    ).toHaveLength(1);

    // PATCH users replaces the members; {"users": []} clears them.
    await w.call('PATCH', '/api/v1/usergroups/1/', { body: { users: ['/api/v1/localusers/3/'] } });
    expect(objects(await w.call('GET', '/api/v1/localgroup-memberships/')).map((m) => m.username)).toEqual([
      'user0003',
    ]);
    await w.call('DELETE', '/api/v1/localusers/3/');
    expect((await w.call('GET', '/api/v1/usergroups/1/')).json).toMatchObject({ users: [] });
  });

  it('MAC devices, groups and memberships', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    await w.call('POST', '/api/v1/macdevices/', {
      body: { name: 'printer-1', address: '11:22:33:44:aa:bb' },
    });
    await w.call('POST', '/api/v1/macdevices/', {
      body: { name: 'Printer-2', address: '11:22:33:44:aa:cc' },
    });
    await w.call('POST', '/api/v1/macgroups/', { body: { name: 'printers' } });
    const m = await w.call('POST', '/api/v1/macgroup-memberships/', {
      body: { device: '/api/v1/macdevices/1/', group: '/api/v1/macgroups/1/' },
    });
    expect(m.json).toMatchObject({ device_name: 'printer-1', group_name: 'printers' });
    expect((await w.call('GET', '/api/v1/macgroups/1/')).json).toMatchObject({
      devices: ['/api/v1/macdevices/1/'],
    });
    expect(objects(await w.call('GET', '/api/v1/macdevices/?name__istartswith=printer'))).toHaveLength(2);
    expect(objects(await w.call('GET', '/api/v1/macdevices/?name__startswith=printer'))).toHaveLength(1);
    await w.call('DELETE', '/api/v1/macgroups/1/');
    expect(objects(await w.call('GET', '/api/v1/macgroup-memberships/'))).toHaveLength(0);
  });

  it('SSO filter objects below a FortiGate group filter: per filter, replace all (PUT) and delete all', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const base = '/api/v1/fgtgroupfilter/2/ssofilterobjects/';
    const made = await w.call('POST', base, { body: { name: 'CN=Ops,DC=example,DC=com' } });
    expect(made.json).toMatchObject({ obj_type: 'group', resource_uri: `${base}2/` });
    expect((await w.call('POST', base, { body: { name: 'CN=Ops,DC=example,DC=com' } })).status).toBe(400);
    expect(
      (await w.call('POST', '/api/v1/fgtgroupfilter/9/ssofilterobjects/', { body: { name: 'x' } })).status,
    ).toBe(404);
    const put = await w.call('PUT', base, {
      body: { objects: [{ name: 'a', obj_type: 'user' }, { name: 'b' }] },
    });
    expect(put.status).toBe(204);
    expect(objects(await w.call('GET', base)).map((o) => o.name)).toEqual(['a', 'b']);
    // The first filter's objects are untouched.
    expect(objects(await w.call('GET', '/api/v1/fgtgroupfilter/1/ssofilterobjects/'))).toHaveLength(1);
    expect((await w.call('DELETE', base)).status).toBe(204);
    expect(objects(await w.call('GET', base))).toHaveLength(0);
  });

  it('local API admins: the create reply carries an api_key that works; deleting the admin revokes it', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const made = await w.call('POST', '/api/v1/localapiadmin/', {
      body: { username: 'automation', email: 'a@example.com' },
    });
    const { api_key: key, id } = made.json as { api_key: string; id: number };
    expect(key).toMatch(/^[A-Za-z0-9]{40}$/);
    const auth = basicOf('automation', key);
    expect((await w.call('GET', '/api/v1/systeminfo/', { auth })).status).toBe(200);
    expect((await w.call('GET', `/api/v1/localapiadmin/${id}/`)).json).not.toHaveProperty('api_key');
    await w.call('DELETE', `/api/v1/localapiadmin/${id}/`);
    expect((await w.call('GET', '/api/v1/systeminfo/', { auth })).status).toBe(401);
  });

  it('RADIUS attributes answer as the PowerShell client reads them (radius_attributes)', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0', seed: { users: 1 } } });
    const path = '/api/v1/localusers/1/radiusattributes/';
    expect(
      (await w.call('POST', path, { body: { attribute: 'Framed-IP-Address', attr_val: '10.0.0.5' } })).status,
    ).toBe(201);
    expect((await w.call('GET', `${path}?format=json`)).json).toEqual({
      radius_attributes: [{ attr_val: '10.0.0.5', attribute: 'Framed-IP-Address', owner: '', vendor: '' }],
    });
    expect((await w.call('GET', '/api/v1/localusers/7/radiusattributes/')).status).toBe(404);
  });

  it('RADIUS and TACACS+ policy-client links by URI or name; IAM users need exactly one user; SMTP keeps one default', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0', seed: { users: 1 } } });
    await w.call('POST', '/api/v1/radiusclients/', {
      body: { name: 'fgt1', address: '10.0.0.1', secret: 's3cret' },
    });
    expect((await w.call('GET', '/api/v1/radiusclients/1/')).json).not.toHaveProperty('secret');
    const link = await w.call('POST', '/api/v1/radiuspolicyclient/', {
      body: { policy_name: 'VPN', client_name: 'fgt1' },
    });
    expect(link.json).toMatchObject({
      policy: '/api/v1/radiuspolicies/2/',
      client: '/api/v1/radiusclients/1/',
      policy_name: 'VPN',
    });
    expect(
      (
        await w.call('POST', '/api/v1/radiuspolicyclient/', {
          body: { policy_name: 'nope', client_name: 'fgt1' },
        })
      ).json,
    ).toEqual({
      radiuspolicyclient: { policy_name: ["No radiuspolicies object is named 'nope'."] },
    });
    await w.call('POST', '/api/v1/tacplusclients/', {
      body: { name: 'sw1', address: '10.0.1.1', secret: 'k' },
    });
    const tlink = await w.call('POST', '/api/v1/tacpluspolicyclient/', {
      body: { policy: '/api/v1/tacpluspolicies/1/', client: '/api/v1/tacplusclients/1/' },
    });
    expect(tlink.json).toMatchObject({ policy_name: 'Network admins', client_name: 'sw1' });

    await w.call('POST', '/api/v1/iamaccounts/', { body: { name: 'acme', alias: 'ACME' } });
    const both = await w.call('POST', '/api/v1/iamusers/', {
      body: { username: 'u', account: 1, localuser: 1, ldapuser: 1 },
    });
    expect(both.json).toEqual({
      iamusers: { localuser: ['Exactly one of localuser and ldapuser must be set; the other must be null.'] },
    });
    expect(
      (await w.call('POST', '/api/v1/iamusers/', { body: { username: 'u', account: 1, localuser: 1 } }))
        .status,
    ).toBe(201);
    expect(
      (await w.call('POST', '/api/v1/iamusers/', { body: { username: 'u', account: 9, localuser: 1 } })).json,
    ).toEqual({
      iamusers: { account: ['No iamaccounts object with id 9.'] },
    });

    await w.call('POST', '/api/v1/smtpservers/', {
      body: { name: 'relay', address: '192.0.2.26', sender_email: 'x@example.com', default: true },
    });
    const servers = objects(await w.call('GET', '/api/v1/smtpservers/'));
    expect(servers.map((s) => s.default)).toEqual([false, true]);
  });

  it('singletons: GET the settings, PATCH merges, POST and PUT reset what is not given', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    const path = '/api/v1/fortitokenmobileprovisioning/';
    expect((await w.call('GET', path)).json).toMatchObject({
      token_size: 6,
      time_step: 60,
      token_algo: 'totp',
    });
    expect((await w.call('PATCH', path, { body: { token_size: 8 } })).json).toMatchObject({
      token_size: 8,
      time_step: 60,
    });
    expect((await w.call('PATCH', path, { body: { token_size: 7 } })).status).toBe(400);
    expect((await w.call('POST', path, { body: { time_step: 30 } })).json).toMatchObject({
      token_size: 6,
      time_step: 30,
    });
    const ext = '/api/v1/system/external_ip_fqdn/';
    expect((await w.call('PUT', ext, { body: { value: 'fac2.example.com' } })).status).toBe(204);
    expect((await w.call('GET', ext)).json).toEqual({ value: 'fac2.example.com' });
    const licenses = await w.call('GET', '/api/v1/fortitokenmobilelicenses/');
    const added = await w.call('POST', '/api/v1/fortitokenmobilelicenses/', {
      body: { license: 'EFTM-NEW-0001' },
    });
    expect(added).toMatchObject({
      status: 201,
      json: { license: 'EFTM-NEW-0001', messages: { success: expect.any(String) } },
    });
    const after = (await w.call('GET', '/api/v1/fortitokenmobilelicenses/')).json as Obj;
    expect(after.total_ftm).toBe(((licenses.json as Obj).total_ftm as number) + 5);
    expect(after.available_ftm).toBe((after.total_ftm as number) - (after.used_ftm as number));
  });

  it('user certificates: revoke needs a reason, PEM export, renewal', async () => {
    w = await wire({ fortiauthenticator: { version: '8.0.0' } });
    expect((await w.call('PATCH', '/api/v1/usercerts/1/', { body: { status: 'revoked' } })).status).toBe(400);
    const revoked = await w.call('PATCH', '/api/v1/usercerts/1/', {
      body: { status: 'revoked', revocation_reason: 'Key Compromise' },
    });
    expect(revoked.json).toMatchObject({ status: 'revoked', revocation_reason: 'Key Compromise' });
    const pem = await w.call('GET', '/api/v1/usercerts/pem/');
    expect(pem.text.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const renewed = await w.call('POST', '/api/v1/usercerts/renew/', {
      body: { cert_id: 'CERT-0002', csr: 'CSR', expiry: 30, revoke_old: true },
    });
    expect(renewed.json).toMatchObject({ status: 'active', subject: 'CN=bob,O=Example', expiry: 30 });
    expect((await w.call('GET', '/api/v1/usercerts/2/')).json).toMatchObject({ status: 'revoked' });
  });
});
