import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError } from '../../../src/core/errors.js';
import { type Harness, harness, rejection } from './harness.js';

describe('FortiAuthenticator client: the jobs people do', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('creates a user with FortiToken Mobile and groups, skipping locked and assigned tokens', async () => {
    h = await harness({ fortiauthenticator: { seed: { lockedFtm: 3 } } });
    const fac = h.client();
    await fac.resource('usergroups').create({ name: 'VPN' });
    await fac.resource('usergroups').create({ name: 'Staff' });
    const first = await fac.users.create({
      username: 'ann',
      email: 'ann@example.com',
      token: 'ftm',
      groups: ['VPN', 'Staff'],
    });
    expect(first).toMatchObject({
      activation: 'sent',
      groups: ['/api/v1/usergroups/1/', '/api/v1/usergroups/2/'],
    });
    expect(first.user).toMatchObject({
      token_type: 'ftm',
      token_serial: first.token,
      ftm_act_method: 'email',
    });
    expect(first.user.user_groups).toEqual(['/api/v1/usergroups/1/', '/api/v1/usergroups/2/']);
    const tokens = h.sim.fortiauthenticator.objects('fortitokens');
    const chosen = tokens.find((t) => t.serial === first.token);
    expect(chosen).toMatchObject({ locked: false, status: 'assigned' });
    // The first three FTM tokens in the pool are locked: none of them was given out.
    expect(tokens.slice(0, 3).every((t) => t.locked === true && t.status === 'available')).toBe(true);

    const second = await fac.users.create({ username: 'bob', email: 'bob@example.com', token: 'ftm' });
    expect(second.token).not.toBe(first.token);
    expect(
      h.sim.fortiauthenticator.outbox
        .filter((m) => m.subject === 'FortiToken Mobile activation')
        .map((m) => m.to),
    ).toEqual(['ann@example.com', 'bob@example.com']);
  });

  it('refuses a locked serial, and resolves groups before creating anything', async () => {
    h = await harness();
    const fac = h.client();
    const locked = h.sim.fortiauthenticator.objects('fortitokens').find((t) => t.locked) as {
      serial: string;
    };
    const error = await rejection(
      fac.users.create({
        username: 'ann',
        email: 'a@example.com',
        token: { type: 'ftm', serial: locked.serial },
      }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(
      await rejection(fac.users.create({ username: 'bob', password: 'pw', groups: ['Nope'] })),
    ).toBeInstanceOf(NotFoundError);
    expect(h.sim.fortiauthenticator.objects('localusers')).toEqual([]);
  });

  it('does not race the activation mail: a failed mail with the user created is not answered by a second create', async () => {
    h = await harness({ fortiauthenticator: { version: '8.0.0' } });
    const fac = h.client();
    await fac.resource('usergroups').create({ name: 'VPN' });
    h.sim.fortiauthenticator.failActivationMail();
    const made = await fac.users.create({
      username: 'ann',
      email: 'ann@example.com',
      token: 'ftm',
      groups: ['VPN'],
    });
    expect(made.activation).toBe('unconfirmed');
    expect(made.user.user_groups).toEqual(['/api/v1/usergroups/1/']);
    expect(h.sim.fortiauthenticator.objects('localusers')).toHaveLength(1);
    expect(
      h.sim.fortiauthenticator.outbox.filter((m) => m.subject === 'FortiToken Mobile activation'),
    ).toHaveLength(1);
  });

  it('gives e-mail and SMS tokens without a FortiToken, and authenticates with the code sent', async () => {
    h = await harness();
    const fac = h.client();
    const { user } = await fac.users.create({
      username: 'sam',
      password: 'Pw-1',
      mobile_number: '+46-701234567',
      token: 'sms',
    });
    expect(user).toMatchObject({ token_type: 'sms', token_serial: '' });
    await fac.resource('localusers').action('sendoobtoken', { id: user.id });
    const sms = h.sim.fortiauthenticator.outbox.at(-1);
    expect(sms).toMatchObject({ kind: 'sms', to: '+46-701234567' });
    expect(await fac.authenticate({ username: 'sam', password: 'Pw-1', tokenCode: sms?.code })).toEqual({
      ok: true,
      passwordChangeRequired: false,
    });
  });

  it('authenticates: password, token, realm; rejected and unknown users are answers, not errors', async () => {
    h = await harness({ fortiauthenticator: { version: '6.6' } });
    const fac = h.client();
    await fac.users.create({
      username: 'ann',
      password: 'Pw-1',
      email: 'a@example.com',
      token: 'ftk',
      change_password: true,
    });
    const code = h.sim.fortiauthenticator.tokenCode('ann');
    expect(await fac.authenticate({ username: 'ann', password: 'Pw-1', tokenCode: code })).toEqual({
      ok: true,
      passwordChangeRequired: false,
    });
    expect(await fac.authenticate({ username: 'ann', password: 'Pw-1', realm: 'local' })).toEqual({
      ok: true,
      passwordChangeRequired: true,
    });
    expect(await fac.authenticate({ username: 'ann', password: 'wrong' })).toEqual({
      ok: false,
      reason: 'rejected',
    });
    expect(await fac.authenticate({ username: 'ghost', password: 'x' })).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
    // A refused user does not make the client drop its own credentials: the next call works.
    expect((await fac.resource('usergroups').list()).meta.total_count).toBe(0);
  });

  it('push authentication: approved, denied, and answered by the phone through pushResponse', async () => {
    h = await harness({ fortiauthenticator: { push: { respond: 'manual' } } });
    const fac = h.client();
    await fac.users.create({ username: 'ann', email: 'a@example.com', token: 'ftm' });
    const sim = h.sim.fortiauthenticator;
    const waitForPush = async () => {
      while (sim.pushes().length === 0) await new Promise((r) => setTimeout(r, 2));
      return sim.pushes()[0]?.sessionId as string;
    };
    const approved = fac.push({ username: 'ann', userIp: '203.0.113.9', logMessage: 'VPN login' });
    const id = await waitForPush();
    expect(await fac.pushResponse({ sessionId: id, action: 'validate', tokenCode: '000000' })).toBe(false);
    expect(
      await fac.pushResponse({ sessionId: id, action: 'validate', tokenCode: sim.tokenCode('ann') }),
    ).toBe(true);
    expect(await approved).toEqual({ approved: true });

    const denied = fac.push({ username: 'ann' });
    sim.answerPush(await waitForPush(), false);
    expect(await denied).toEqual({ approved: false });
    expect(await rejection(fac.push({ username: 'nobody' }))).toBeInstanceOf(NotFoundError);
  });

  it('sends SSO logon and logoff events', async () => {
    h = await harness();
    const fac = h.client();
    await fac.sso.logon({ username: 'guest', ip: '192.0.2.44', groups: ['Guests', 'WiFi'] });
    await fac.sso.logon({ username: 'guest6', ip: '2001:db8::44', groups: ['Guests'] });
    expect(h.sim.fortiauthenticator.ssoSessions().map((s) => [s.username, s.ip, s.groups])).toEqual([
      ['guest', '192.0.2.44', ['Guests', 'WiFi']],
      ['guest6', '2001:db8::44', ['Guests']],
    ]);
    await fac.sso.logoff({ username: 'guest', ip: '192.0.2.44' });
    expect(h.sim.fortiauthenticator.ssoSessions().map((s) => s.username)).toEqual(['guest6']);
    expect(await rejection(fac.sso.logon({ username: 'ext', ip: '192.0.2.45' }))).toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it('disables users after an HR export, keeping the protected ones; a dry run only reports', async () => {
    h = await harness({ fortiauthenticator: { seed: { users: 250 } } });
    const fac = h.client();
    const hr = Array.from({ length: 200 }, (_, i) => `user${String(i + 1).padStart(4, '0')}@EXAMPLE.com`);
    const dry = await fac.users.disableMissing(hr, { match: 'email', keep: ['user0250'], dryRun: true });
    expect(dry.disabled).toHaveLength(49);
    expect(h.sim.fortiauthenticator.objects('localusers').filter((u) => u.active === false)).toHaveLength(0);
    const done = await fac.users.disableMissing(hr, { match: 'email', keep: ['user0250'] });
    expect(done.disabled).toEqual(dry.disabled);
    expect(done.results.every((r) => r.ok)).toBe(true);
    const users = h.sim.fortiauthenticator.objects('localusers');
    expect(users.filter((u) => u.active === false).map((u) => u.username)).toEqual(dry.disabled);
    expect(users.find((u) => u.username === 'user0250')?.active).toBe(true);
    const byName = await fac.users.disable(['user0001', 'ghost']);
    expect(byName.map((r) => r.ok)).toEqual([true, false]);
    expect(byName[1]?.error).toBeInstanceOf(NotFoundError);
  });
});
