/**
 * Credential checks: `/auth/` (local users: password and/or token code) and `/realmauth/` (local,
 * LDAP and RADIUS users by realm), with the user lockout policy applied to failures.
 */
import type { FacSim, ResourceHooks } from '../engine.js';
import { type Body, empty, fieldErrors, html } from '../http.js';
import type { Row } from '../store.js';
import { compareVersions } from '../versions.js';
import type { FacServices } from './services.js';
import { checkTokenCode, tokenBySerial } from './tokens.js';

/** The 26-byte HTML body of a refused `/auth/`. */
const REFUSED = '<h1>401 Unauthorized</h1>\n';

export const LOCAL_REALM = 'local';

interface Credentials {
  readonly username: string;
  readonly password: string | undefined;
  readonly tokenCode: string | undefined;
}

function credentials(resource: string, body: Body, extra: readonly string[] = []): Credentials {
  const b = Array.isArray(body) ? {} : body;
  const errors: Record<string, string[]> = {};
  for (const field of ['username', ...extra]) {
    if (typeof b[field] !== 'string' || b[field] === '') errors[field] = ['This field is required.'];
  }
  const password = typeof b.password === 'string' ? b.password : undefined;
  const tokenCode = typeof b.token_code === 'string' ? b.token_code : undefined;
  if (password === undefined && tokenCode === undefined) {
    errors.password = ['Either a password or a token code is required.'];
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(resource, errors);
  return { username: b.username as string, password, tokenCode };
}

/** Whether the user's token accepts `code`: FortiToken (TOTP) or a code sent by e-mail/SMS. */
export function tokenAccepts(sim: FacSim, services: FacServices, row: Row, code: string): boolean {
  if (!row.data.token_auth) return false;
  const type = row.data.token_type;
  if (type === 'ftk' || type === 'ftm') {
    const token = typeof row.data._token === 'string' ? tokenBySerial(sim, row.data._token) : undefined;
    return token !== undefined && checkTokenCode(sim, token, code);
  }
  const pending = services.codes.get(row.id);
  if (!pending || pending.code !== code || pending.expiresAt < sim.now()) return false;
  services.codes.delete(row.id);
  return true;
}

/**
 * Checks what was given, password first. An empty `token_code` with a password that ends in the
 * token code is read as password + code run together.
 */
function verify(sim: FacSim, services: FacServices, row: Row, c: Credentials): boolean {
  let { password, tokenCode } = c;
  if (tokenCode === '' && password !== undefined && row.data.token_auth && password.length > 6) {
    tokenCode = password.slice(-6);
    password = password.slice(0, -6);
  }
  if (password !== undefined) {
    if (row.data.ftk_only || row.data.password === undefined || row.data.password !== password) return false;
  }
  if (tokenCode !== undefined && tokenCode !== '') return tokenAccepts(sim, services, row, tokenCode);
  return password !== undefined;
}

function lockedOut(sim: FacSim, row: Row): boolean {
  const until = row.data._lockedUntil as number | undefined;
  return until !== undefined && until > sim.now();
}

/** Counts a failure and locks the user out as the lockout policy says. */
function recordFailure(sim: FacSim, row: Row): void {
  const policy = sim.settings('userlockoutpolicy');
  const failures = ((row.data._failures as number | undefined) ?? 0) + 1;
  row.data._failures = failures;
  if (!policy.failed_login_lockout) return;
  if (failures < Number(policy.failed_login_lockout_max_attempts ?? 3)) return;
  row.data._failures = 0;
  if (policy.failed_login_lockout_permanent) {
    row.data.active = false;
    row.data.reason = 2;
  } else {
    row.data._lockedUntil = sim.now() + Number(policy.failed_login_lockout_period ?? 60) * 1000;
  }
}

function authenticate(sim: FacSim, services: FacServices, row: Row, c: Credentials): boolean {
  if (row.data.active === false || lockedOut(sim, row)) return false;
  if (!verify(sim, services, row, c)) {
    recordFailure(sim, row);
    return false;
  }
  row.data._failures = 0;
  return true;
}

/** The user of a realm: local users in `local`, LDAP/RADIUS users in the realm named after their server. */
function realmUser(sim: FacSim, realm: string, username: string): Row | undefined {
  if (realm === LOCAL_REALM) return sim.collection('localusers').find('username', username);
  for (const key of ['ldapusers', 'radiususers']) {
    const row = sim.collection(key).find('username', username);
    if (row && row.data.server_name === realm) return row;
  }
  return undefined;
}

export function authHooks(services: FacServices): Record<string, ResourceHooks> {
  return {
    auth: {
      post(sim, body) {
        const c = credentials('auth', body);
        const row = sim.collection('localusers').find('username', c.username);
        if (!row) return empty(404);
        return authenticate(sim, services, row, c) ? empty(200) : html(401, REFUSED);
      },
    },
    realmauth: {
      post(sim, body) {
        const c = credentials('realmauth', body, ['realm']);
        const row = realmUser(sim, String((body as Record<string, unknown>).realm), c.username);
        if (!row || !authenticate(sim, services, row, c)) return html(401, REFUSED);
        const mustChange = row.data.change_password === true && compareVersions(sim.version, '6.3') >= 0;
        return empty(mustChange ? 202 : 200);
      },
    },
  };
}
