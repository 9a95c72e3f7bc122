/**
 * The everyday jobs on local users: create one with an e-mail/SMS token or a FortiToken and put it in
 * groups; provision many with per-user results; disable users by name or after an HR export.
 */
import type { CallOptions } from '../../core/client-options.js';
import { FortixError, NotFoundError } from '../../core/errors.js';
import { pool } from '../bulk.js';
import type { LocalUser, LocalUserCreate } from '../generated/types.js';
import type { FacItemResult } from '../typing.js';
import type { FacResourceSource } from './api.js';

/** The token to give a user: a FortiToken (the next free one, or a serial), or codes by e-mail/SMS. */
export type FacUserToken = 'ftm' | 'ftk' | 'email' | 'sms' | { type: 'ftm' | 'ftk'; serial: string };

export type FacNewUser = Omit<LocalUserCreate, 'token_auth' | 'token_type' | 'token_serial'> & {
  token?: FacUserToken | undefined;
  /** Names of the user groups to add the user to (they must exist). */
  groups?: readonly string[] | undefined;
};

export interface FacCreatedUser {
  readonly user: LocalUser;
  /** URIs of the groups the user was added to. */
  readonly groups: readonly string[];
  /** Serial of the FortiToken assigned, if any. */
  readonly token: string | undefined;
  /**
   * `sent`: FortiToken Mobile activation sent; `unconfirmed`: the appliance said the activation mail
   * failed although it created the user (the mail often goes out anyway; the user was not created
   * twice, so no second mail); `none`: no FortiToken Mobile.
   */
  readonly activation: 'sent' | 'unconfirmed' | 'none';
}

export interface FacUserResult {
  readonly index: number;
  readonly username: string;
  readonly ok: boolean;
  /** The user, when it was created (even if adding it to a group failed). */
  readonly user?: LocalUser;
  readonly groups: readonly string[];
  readonly token?: string | undefined;
  readonly activation?: FacCreatedUser['activation'];
  readonly error?: FortixError;
}

export interface FacDisableResult {
  readonly username: string;
  readonly ok: boolean;
  readonly error?: FortixError;
}

const TOKEN_TAKEN = /serial number is not available/i;
const MAIL_FAILED = /Failed to send FortiToken Mobile activation message/i;
const LOOKUP_CHUNK = 100;

type Pairs = { index: number; group: string }[];

export class FacUsers {
  readonly #fac: FacResourceSource;

  constructor(fac: FacResourceSource) {
    this.#fac = fac;
  }

  /** The local user with this name, or undefined. */
  async find(username: string, options: CallOptions = {}): Promise<LocalUser | undefined> {
    const page = await this.#fac
      .resource('localusers')
      .list({ ...options, filter: { username__exact: username }, limit: 2 });
    return page.objects[0];
  }

  /**
   * Creates a local user with its token and adds it to groups. Groups are resolved first (a missing
   * group fails before anything is created); a FortiToken is picked from the free, unlocked ones
   * (skipping any taken meanwhile); a failed activation mail is not answered by creating the user
   * again. When adding to a group fails, the user is deleted again (`rollback: false` keeps it).
   *
   * @example
   * const { user, token } = await fac.users.create({ username: 'alice', email: 'alice@example.com', token: 'ftm', groups: ['VPN'] });
   */
  async create(
    input: FacNewUser,
    options: CallOptions & { rollback?: boolean } = {},
  ): Promise<FacCreatedUser> {
    const groups = await this.#groupUris(input.groups ?? [], options);
    const users = this.#fac.resource('localusers');
    const skip = new Set<string>();
    let mailRetried = false;
    for (;;) {
      const serial = await this.#serialFor(input.token, skip, options);
      const body = userBody(input, serial);
      let user: LocalUser;
      let activation: FacCreatedUser['activation'] = body.token_type === 'ftm' ? 'sent' : 'none';
      try {
        user = (await users.create(body, options)) as LocalUser;
      } catch (error) {
        const message = error instanceof FortixError ? error.message : '';
        if (TOKEN_TAKEN.test(message) && serial && typeof input.token === 'string') {
          skip.add(serial); // taken by someone else in the meantime: pick another
          continue;
        }
        if (!MAIL_FAILED.test(message)) throw error;
        const existing = await this.find(input.username, options);
        if (!existing) {
          if (mailRetried) throw error;
          mailRetried = true;
          continue;
        }
        user = existing;
        activation = 'unconfirmed';
      }
      try {
        await this.#join(user, groups, options);
      } catch (error) {
        if (options.rollback !== false) await users.delete(user.id, options).catch(() => undefined);
        throw error;
      }
      const fresh = groups.length > 0 ? ((await users.get(user.id, options)) as LocalUser) : user;
      return { user: fresh, groups, token: serial, activation };
    }
  }

  /**
   * Creates many users (in one request per chunk where the appliance takes lists) and adds each to
   * its groups; one result per input, in order. FortiTokens for `token: 'ftm' | 'ftk'` are taken
   * from the free pool up front; users beyond the pool fail with a NotFoundError.
   */
  async provision(
    inputs: readonly FacNewUser[],
    options: CallOptions & { concurrency?: number; chunkSize?: number } = {},
  ): Promise<FacUserResult[]> {
    const names = [...new Set(inputs.flatMap((u) => u.groups ?? []))];
    const uris = await this.#groupUris(names, options);
    const uriOf = new Map(names.map((name, i) => [name, uris[i] as string]));
    const serials = await this.#poolFor(inputs, options);

    const results: FacUserResult[] = inputs.map((input, index) => ({
      index,
      username: input.username,
      ok: false,
      groups: [],
      token: serials[index],
    }));
    const todo: number[] = [];
    inputs.forEach((input, index) => {
      if (needsPool(input.token) && serials[index] === undefined) {
        results[index] = { ...results[index]!, error: noToken(input.token as 'ftm' | 'ftk') };
      } else todo.push(index);
    });
    const created = await this.#fac.resource('localusers').createMany(
      todo.map((index) => userBody(inputs[index]!, serials[index])),
      options,
    );
    const pairs: Pairs = [];
    for (const [i, outcome] of created.entries()) {
      const index = todo[i] as number;
      const input = inputs[index] as FacNewUser;
      const settled = await this.#settle(outcome, input, options);
      results[index] = { ...results[index]!, ...settled };
      if (settled.user)
        for (const name of input.groups ?? []) pairs.push({ index, group: uriOf.get(name) as string });
    }
    await this.#joinMany(pairs, results, options);
    return results;
  }

  /** Disables users by name (PATCH `active: false`); one result per name. */
  async disable(
    usernames: readonly string[],
    options: CallOptions & { concurrency?: number } = {},
  ): Promise<FacDisableResult[]> {
    const ids = await this.#idsOf(usernames, options);
    const users = this.#fac.resource('localusers');
    const results: FacDisableResult[] = [];
    await pool(usernames.length, options.concurrency ?? 8, async (i) => {
      const username = usernames[i] as string;
      const id = ids.get(username);
      if (id === undefined) {
        results[i] = { username, ok: false, error: missingUser(username) };
        return;
      }
      try {
        await users.update(id, { active: false }, options);
        results[i] = { username, ok: true };
      } catch (error) {
        if (!(error instanceof FortixError)) throw error;
        results[i] = { username, ok: false, error };
      }
    });
    return results;
  }

  /**
   * After an HR export: disables every active local user whose user name (or e-mail) is not in
   * `current`, except the `keep` ones. Reads the users a page at a time. `dryRun` only reports.
   *
   * @example
   * const { disabled } = await fac.users.disableMissing(hrExport.map((e) => e.email), { match: 'email', keep: ['svc-backup'] });
   */
  async disableMissing(
    current: Iterable<string>,
    options: CallOptions & {
      match?: 'username' | 'email';
      keep?: readonly string[];
      dryRun?: boolean;
      concurrency?: number;
    } = {},
  ): Promise<{ disabled: string[]; results: FacDisableResult[] }> {
    const match = options.match ?? 'username';
    const present = new Set([...current].map((v) => v.toLowerCase()));
    const keep = new Set((options.keep ?? []).map((v) => v.toLowerCase()));
    const leavers: string[] = [];
    for await (const user of this.#fac
      .resource('localusers')
      .iterate({ ...options, filter: { active: true } })) {
      const key = String(user[match] ?? '').toLowerCase();
      if (!present.has(key) && !keep.has(user.username.toLowerCase())) leavers.push(user.username);
    }
    if (options.dryRun) return { disabled: leavers, results: [] };
    const results = await this.disable(leavers, options);
    return { disabled: results.filter((r) => r.ok).map((r) => r.username), results };
  }

  // --- internals ---

  async #groupUris(names: readonly string[], options: CallOptions): Promise<string[]> {
    const groups = this.#fac.resource('usergroups');
    return Promise.all(
      names.map(async (name) => {
        const page = await groups.list({
          ...options,
          filter: { name },
          limit: 2,
          query: { return_members: false },
        });
        const group = page.objects[0];
        if (!group) {
          throw new NotFoundError(`FortiAuthenticator has no user group '${name}'; nothing was created`, {
            product: 'fortiauthenticator',
            apiCode: 404,
            url: 'usergroups',
          });
        }
        return group.resource_uri;
      }),
    );
  }

  /** The serial to assign: the one asked for, or the next free, unlocked token of the type. */
  async #serialFor(token: FacUserToken | undefined, skip: ReadonlySet<string>, options: CallOptions) {
    if (token === undefined || token === 'email' || token === 'sms') return undefined;
    if (typeof token === 'object') return token.serial;
    const [serial] = await this.#freeTokens(token, 1, skip, options);
    if (!serial) throw noToken(token);
    return serial;
  }

  /** Up to `n` free FortiTokens of a type: status `available` and not `locked`. */
  async #freeTokens(
    type: 'ftm' | 'ftk',
    n: number,
    skip: ReadonlySet<string>,
    options: CallOptions,
  ): Promise<string[]> {
    const out: string[] = [];
    if (n === 0) return out;
    const tokens = this.#fac
      .resource('fortitokens')
      .iterate({ ...options, filter: { type, status: 'available' } });
    for await (const token of tokens) {
      if (token.locked || skip.has(token.serial)) continue;
      out.push(token.serial);
      if (out.length === n) break;
    }
    return out;
  }

  /** One free token per input that asks for `ftm`/`ftk` without a serial (undefined where the pool ran dry). */
  async #poolFor(inputs: readonly FacNewUser[], options: CallOptions): Promise<(string | undefined)[]> {
    const serials: (string | undefined)[] = inputs.map((u) =>
      typeof u.token === 'object' ? u.token.serial : undefined,
    );
    for (const type of ['ftm', 'ftk'] as const) {
      const wanting = inputs.flatMap((u, i) => (u.token === type ? [i] : []));
      const free = await this.#freeTokens(type, wanting.length, new Set(), options);
      wanting.forEach((index, i) => {
        serials[index] = free[i];
      });
    }
    return serials;
  }

  async #settle(
    outcome: FacItemResult<LocalUser>,
    input: FacNewUser,
    options: CallOptions,
  ): Promise<Partial<FacUserResult>> {
    const ftm = userBody(input, undefined).token_type === 'ftm';
    if (outcome.ok) return { ok: true, user: outcome.object, activation: ftm ? 'sent' : 'none' };
    if (MAIL_FAILED.test(outcome.error.message)) {
      const existing = await this.find(input.username, options);
      if (existing) return { ok: true, user: existing, activation: 'unconfirmed' };
    }
    return { ok: false, error: outcome.error };
  }

  async #join(user: LocalUser, groups: readonly string[], options: CallOptions): Promise<void> {
    const memberships = this.#fac.resource('localgroup-memberships');
    for (const group of groups) await memberships.create({ user: user.resource_uri, group }, options);
  }

  async #joinMany(
    pairs: Pairs,
    results: FacUserResult[],
    options: CallOptions & { concurrency?: number },
  ): Promise<void> {
    const outcomes = await this.#fac.resource('localgroup-memberships').createMany(
      pairs.map((p) => ({
        user: (results[p.index] as FacUserResult).user?.resource_uri as string,
        group: p.group,
      })),
      { ...options, returnObjects: false },
    );
    outcomes.forEach((outcome, i) => {
      const { index, group } = pairs[i] as Pairs[number];
      const result = results[index] as FacUserResult;
      results[index] = outcome.ok
        ? { ...result, groups: [...result.groups, group] }
        : { ...result, ok: false, error: result.error ?? outcome.error };
    });
  }

  /** Ids of local users by name, read `username__in` a hundred at a time. */
  async #idsOf(usernames: readonly string[], options: CallOptions): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const users = this.#fac.resource('localusers');
    for (let i = 0; i < usernames.length; i += LOOKUP_CHUNK) {
      const chunk = usernames.slice(i, i + LOOKUP_CHUNK);
      for await (const user of users.iterate({ ...options, filter: { username__in: chunk } }))
        ids.set(user.username, user.id);
    }
    return ids;
  }
}

/** The local-user body of an input: token settings from `token`, the rest as given. */
function userBody(input: FacNewUser, serial: string | undefined): LocalUserCreate {
  const { token, groups: _groups, ...fields } = input;
  if (token === undefined) return fields;
  const type = typeof token === 'object' ? token.type : token;
  const body: LocalUserCreate = { ...fields, token_auth: true, token_type: type };
  if (serial) body.token_serial = serial;
  if (type === 'ftm' && body.ftm_act_method === undefined)
    body.ftm_act_method = input.email ? 'email' : 'sms';
  return body;
}

function needsPool(token: FacUserToken | undefined): boolean {
  return token === 'ftm' || token === 'ftk';
}

function noToken(type: 'ftm' | 'ftk'): FortixError {
  return new NotFoundError(
    `No free ${type === 'ftm' ? 'FortiToken Mobile' : 'FortiToken'} (available and not locked) is left; add tokens or licenses`,
    { product: 'fortiauthenticator', apiCode: 404, url: 'fortitokens' },
  );
}

function missingUser(username: string): FortixError {
  return new NotFoundError(`FortiAuthenticator has no local user '${username}'`, {
    product: 'fortiauthenticator',
    apiCode: 404,
    url: 'localusers',
  });
}
