/**
 * What a freshly set-up appliance holds: a token pool, the objects the API cannot create (FortiGate
 * group filters, RADIUS and TACACS+ policies, certificates, SCEP requests), a few remote users, and
 * default settings. Generated deterministically from the simulator's seed.
 */
import type { FacSim } from './engine.js';
import { addTokens } from './hooks/tokens.js';

export interface SeedOptions {
  /** FortiToken Mobile tokens free for assignment (default 20). */
  ftm?: number;
  /** Hardware FortiTokens free for assignment (default 10). */
  ftk?: number;
  /** FortiToken Mobile tokens that are "available" yet locked, so they cannot be assigned (default 2). */
  lockedFtm?: number;
  /** Local users at start (`user0001`, ...; default 0). */
  users?: number;
}

export function seed(sim: FacSim, options: SeedOptions = {}): void {
  addTokens(sim, options.lockedFtm ?? 2, { type: 'ftm', locked: true });
  addTokens(sim, options.ftm ?? 20, { type: 'ftm' });
  addTokens(sim, 2, { type: 'ftm', license: 'FTMTRIALNOREGIST' });
  addTokens(sim, options.ftk ?? 10, { type: 'ftk' });

  const insert = (key: string, rows: Record<string, unknown>[], parent?: number) => {
    for (const data of rows) sim.collection(key).insert(data, parent);
  };
  insert('fgtgroupfilter', [
    { shortname: 'GroupFilter_Test1', nasname: '1.1.1.1', sso_groups: [] },
    { shortname: 'Branch-FGT', nasname: '10.10.0.1', sso_groups: [] },
  ]);
  insert(
    'fgtgroupfilter/ssofilterobjects',
    [{ name: 'CN=VPN Users,DC=example,DC=com', obj_type: 'group' }],
    1,
  );
  insert('radiuspolicies', [{ name: 'Default' }, { name: 'VPN' }]);
  insert('tacpluspolicies', [{ name: 'Network admins' }]);
  insert('passwordpolicies', [{ name: 'Default password policy' }]);
  insert('usercerts', [
    { cert_id: 'CERT-0001', subject: 'CN=alice,O=Example', status: 'active', expiry: 365, revoke_old: false },
    { cert_id: 'CERT-0002', subject: 'CN=bob,O=Example', status: 'active', expiry: 365, revoke_old: false },
    { cert_id: 'CERT-0003', subject: 'CN=old,O=Example', status: 'expired', expiry: 0, revoke_old: false },
  ]);
  insert('scepreqs', [
    { status: 'Pending', type: 'Regular', subject: 'CN=laptop-42', issuer: 'CN=Example CA' },
    { status: 'Approved', type: 'Wildcard', subject: 'CN=*.example.com', issuer: 'CN=Example CA' },
  ]);
  insert(
    'ldapusers',
    [
      {
        username: 'jdoe',
        dn: 'CN=John Doe,OU=Staff,DC=example,DC=com',
        email: 'jdoe@example.com',
        active: true,
      },
      {
        username: 'asmith',
        dn: 'CN=Ann Smith,OU=Staff,DC=example,DC=com',
        email: 'asmith@example.com',
        active: true,
      },
    ].map((user) => ({ ...user, server_name: 'ldap.example.com', server_address: '192.0.2.10' })),
  );
  insert('radiususers', [
    { username: 'rad-ops', server_name: 'radius.example.com', server_address: '192.0.2.20', active: true },
  ]);
  insert('smtpservers', [
    {
      name: 'Default',
      address: '192.0.2.25',
      port: 25,
      sender_email: 'fac@example.com',
      secure: 'none',
      authentication: false,
      default: true,
    },
  ]);
  Object.assign(sim.settings('userlockoutpolicy'), {
    failed_login_lockout: true,
    inactivity_lockout: false,
    inactivity_lockout_period: 90,
  });
  Object.assign(sim.settings('logsettings'), { delete_age_n: 6 });
  Object.assign(sim.settings('snmpgeneral'), { contact: 'noc@example.com', location: 'Rack 1' });
  Object.assign(sim.settings('system/external_ip_fqdn'), { value: 'fac.example.com' });
  addLocalUsers(sim, options.users ?? 0);
}

/** Adds `n` active local users with passwords (`<username>-pw`) and e-mail addresses; returns their ids. */
export function addLocalUsers(sim: FacSim, n: number, prefix = 'user'): number[] {
  const users = sim.collection('localusers');
  const ids: number[] = [];
  const start = users.size + 1;
  for (let i = 0; i < n; i++) {
    const username = `${prefix}${String(start + i).padStart(4, '0')}`;
    const row = users.insert({
      username,
      password: `${username}-pw`,
      email: `${username}@example.com`,
      first_name: 'User',
      last_name: String(start + i),
      active: true,
      token_auth: false,
      token_type: '',
    });
    ids.push(row.id);
  }
  return ids;
}
