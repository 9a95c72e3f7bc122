/**
 * The typed surface: a handle offers only the methods its resource allows, with the resource's own
 * object, body and filter types. Checked by the type checker (`npm run typecheck`); the runtime part
 * checks that the handles agree with the table.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  FAC_RESOURCES,
  type FortiAuthenticator,
  type LocalUser,
} from '../../../src/fortiauthenticator/index.js';

// Never called: only type-checked.
function typed(fac: FortiAuthenticator) {
  const filters = fac.resource('fgtgroupfilter');
  expectTypeOf(filters.replace).toBeFunction();
  // @ts-expect-error fgtgroupfilter allows no POST (seed): no create on its handle
  filters.create({ shortname: 'x', nasname: 'y' });
  // @ts-expect-error ... and no delete
  filters.delete(1);

  const users = fac.resource('localusers');
  expectTypeOf(users.get).returns.resolves.toEqualTypeOf<LocalUser>();
  users.list({ filter: { username__icontains: 'a', email__in: ['a@example.com'], active: true } });
  // @ts-expect-error phone_number is not filterable
  users.list({ filter: { phone_number: '1' } });
  // @ts-expect-error active allows exact only
  users.list({ filter: { active__icontains: 'x' } });
  users.list({ orderBy: ['-username', 'id'] });
  // @ts-expect-error no such field to order by
  users.list({ orderBy: 'shoe_size' });
  // @ts-expect-error PUT is not allowed on local users
  users.replace(1, { username: 'x' });
  // @ts-expect-error username is required on create
  users.create({ email: 'a@example.com' });
  // @ts-expect-error token_type has fixed choices
  users.update(1, { token_type: 'pigeon' });
  users.action('sendoobtoken', { id: 1 });

  const info = fac.resource('systeminfo');
  info.get();
  // @ts-expect-error systeminfo is read-only
  info.update({});

  fac.resource('auth').post({ username: 'a', password: 'b' });
  // @ts-expect-error a sub-resource needs its parent's id
  fac.resource('fgtgroupfilter/ssofilterobjects');
  fac.resource('fgtgroupfilter/ssofilterobjects', 1).replaceAll([{ name: 'CN=x' }]);
}

describe('typed resource handles', () => {
  it('are generated for every resource of the table', () => {
    expect(typeof typed).toBe('function');
    expect(Object.keys(FAC_RESOURCES)).toHaveLength(58);
    expect(FAC_RESOURCES.fgtgroupfilter.methods).toEqual(['list', 'get', 'replace']);
  });
});
