import { afterEach, describe, expect, it } from 'vitest';
import { AlreadyExistsError, InvalidRequestError } from '../../../src/core/errors.js';
import { type Harness, harness, rejection } from './harness.js';

const VERSIONS = ['4.0', '6.6', '8.0.0', '8.0.3'] as const;

describe('FortiAuthenticator client: write replies of every version give the resulting object', () => {
  let h: Harness;
  afterEach(() => h.close());

  it.each(VERSIONS)('%s: create, update, replace and delete return what is stored', async (version) => {
    h = await harness({ fortiauthenticator: { version } });
    const fac = h.client();
    const groups = fac.resource('usergroups');
    const group = await groups.create({ name: 'Staff', group_type: 'vpn' });
    expect(group).toMatchObject({
      id: 1,
      name: 'Staff',
      group_type: 'vpn',
      resource_uri: '/api/v1/usergroups/1/',
    });

    const user = await fac
      .resource('localusers')
      .create({ username: 'ann', password: 'pw123456', first_name: 'Ann' });
    expect(user).toMatchObject({ id: 1, username: 'ann', first_name: 'Ann', active: true });
    expect(user).not.toHaveProperty('password');
    expect(user).not.toHaveProperty('statue');

    expect(await fac.resource('localusers').update(1, { last_name: 'Lee' })).toMatchObject({
      first_name: 'Ann',
      last_name: 'Lee',
    });
    expect(await groups.replace(1, { name: 'Staff2' })).toMatchObject({
      id: 1,
      name: 'Staff2',
      group_type: '',
    });
    const filter = await fac
      .resource('fgtgroupfilter')
      .replace(1, { shortname: 'Edge', nasname: '10.0.0.1' });
    expect(filter).toMatchObject({ shortname: 'Edge', address: '10.0.0.1' });
    const settings = await fac.resource('userlockoutpolicy').update({ failed_login_lockout_max_attempts: 5 });
    expect(settings).toMatchObject({ failed_login_lockout_max_attempts: 5, failed_login_lockout: true });
    await groups.delete(1);
    expect((await groups.list()).objects).toEqual([]);
  });

  it.each(VERSIONS)(
    '%s: a refused create is an error with the field named, whatever the reply shape',
    async (version) => {
      h = await harness({ fortiauthenticator: { version } });
      const fac = h.client();
      await fac.resource('localusers').create({ username: 'ann', password: 'pw123456' });
      const dup = (await rejection(
        fac.resource('localusers').create({ username: 'ann', password: 'pw' }),
      )) as AlreadyExistsError;
      expect(dup).toBeInstanceOf(AlreadyExistsError);
      expect(dup.issues).toEqual([
        { path: 'username', message: 'A user with that username already exists.' },
      ]);
      const bad = (await rejection(
        fac.resource('localusers').create({ username: 'bad name', password: 'pw' }),
      )) as InvalidRequestError;
      expect(bad).toBeInstanceOf(InvalidRequestError);
      expect(bad.status).toBe(400);
      expect(bad.issues[0]?.path).toBe('username');
    },
  );
});
