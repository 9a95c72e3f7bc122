import { afterEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError, InvalidRequestError, NotFoundError } from '../../../src/core/errors.js';
import type { FacNewUser } from '../../../src/fortiauthenticator/index.js';
import { type Harness, harness } from './harness.js';

/** 1,000 users: every 100th has an invalid name, one repeats an earlier name. */
function people(): FacNewUser[] {
  const list: FacNewUser[] = Array.from({ length: 1000 }, (_, i) => ({
    username: i % 100 === 99 ? `bad name ${i}` : `emp${String(i).padStart(4, '0')}`,
    password: `Pw-${i}-secret`,
    email: `emp${i}@example.com`,
    first_name: 'Emp',
    last_name: String(i),
    groups: i % 2 === 0 ? ['Staff'] : ['Staff', 'VPN'],
  }));
  list[500] = { ...list[500], username: 'emp0001' } as FacNewUser;
  return list;
}

describe('FortiAuthenticator client: bulk provisioning of 1,000 users with per-user results', () => {
  let h: Harness;
  afterEach(() => h.close());

  it.each(['6.6', '8.0.3'])(
    '%s: every user gets a result, in input order; failures do not stop the others',
    async (version) => {
      h = await harness({ fortiauthenticator: { version } });
      const fac = h.client();
      await fac.resource('usergroups').create({ name: 'Staff' });
      await fac.resource('usergroups').create({ name: 'VPN' });
      const before = h.sim.requests;
      const results = await fac.users.provision(people());
      const sent = h.sim.requests - before;

      expect(results).toHaveLength(1000);
      expect(results.map((r) => r.index)).toEqual([...results.keys()]);
      const failed = results.filter((r) => !r.ok);
      expect(failed).toHaveLength(11);
      for (const r of failed.filter((f) => f.username.startsWith('bad'))) {
        expect(r.error).toBeInstanceOf(InvalidRequestError);
        expect((r.error as InvalidRequestError).issues[0]?.path).toBe('username');
        expect(r.user).toBeUndefined();
      }
      const dup = results[500];
      expect(dup?.ok).toBe(false);
      expect(dup?.error).toBeInstanceOf(AlreadyExistsError);

      const ok = results.filter((r) => r.ok);
      expect(ok).toHaveLength(989);
      expect(ok[1]).toMatchObject({
        username: 'emp0001',
        user: { username: 'emp0001' },
        groups: ['/api/v1/usergroups/1/', '/api/v1/usergroups/2/'],
      });
      expect(h.sim.fortiauthenticator.objects('localusers')).toHaveLength(989);
      const staff = await fac.resource('usergroups').get(1);
      expect(staff.users).toHaveLength(989);
      // 8.0.3 takes the users in lists of 100 (plus a read of systeminfo for the version).
      if (version === '8.0.3') expect(sent).toBeLessThan(1000 + 1500);
      else expect(sent).toBeGreaterThanOrEqual(989 * 2);
    },
  );

  it('hands FortiToken Mobile tokens out of the free pool, none locked or taken, and says who got none', async () => {
    h = await harness({ fortiauthenticator: { version: '8.0.3', seed: { ftm: 5, lockedFtm: 3 } } });
    const fac = h.client();
    const input = Array.from({ length: 9 }, (_, i) => ({
      username: `t${i}`,
      email: `t${i}@example.com`,
      token: 'ftm' as const,
    }));
    const results = await fac.users.provision(input);
    // 5 free FTM plus 2 free trial tokens; the 3 locked ones are skipped.
    expect(results.filter((r) => r.ok)).toHaveLength(7);
    const serials = results.flatMap((r) => (r.ok ? [r.user?.token_serial] : []));
    expect(new Set(serials).size).toBe(7);
    expect(results.slice(7).map((r) => r.error)).toEqual([
      expect.any(NotFoundError),
      expect.any(NotFoundError),
    ]);
    expect(
      h.sim.fortiauthenticator.outbox.filter((m) => m.subject === 'FortiToken Mobile activation'),
    ).toHaveLength(7);
    const locked = h.sim.fortiauthenticator.objects('fortitokens').filter((t) => t.locked);
    expect(locked.every((t) => t.status === 'available')).toBe(true);
  });

  it('createMany of any resource returns one result per item', async () => {
    h = await harness();
    const fac = h.client({ bulk: 'single' });
    const results = await fac.resource('macdevices').createMany([
      { name: 'a', address: '11:11:11:11:11:11' },
      { name: 'b'.repeat(51), address: '11:11:11:11:11:12' },
      { name: 'c', address: '11:11:11:11:11:13' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[2]).toMatchObject({
      ok: true,
      object: { name: 'c', resource_uri: '/api/v1/macdevices/2/' },
    });
  });
});
