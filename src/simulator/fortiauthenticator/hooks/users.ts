/**
 * Users: local users (tokens, e-mail/SMS codes, the FortiToken Mobile activation mail, generated
 * passwords, their group memberships), LDAP and RADIUS users, local API admins and RADIUS attributes.
 */
import type { FacSim, ResourceHooks, WriteEvent } from '../engine.js';
import { badRequest, empty, json } from '../http.js';
import type { Row } from '../store.js';
import { CODE_LIFETIME_MS, type FacServices, randomCode } from './services.js';
import { assignToken, pickToken, releaseToken, tokenBySerial } from './tokens.js';

const USERNAME = /^[A-Za-z0-9@.+\-_]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MOBILE = /^\+\d{1,4}-\d{4,}$/;

function addError(w: WriteEvent, field: string, message: string): void {
  w.errors[field] ??= [];
  w.errors[field].push(message);
}

/** Format checks shared by local, LDAP and RADIUS users. */
function checkContact(w: WriteEvent): void {
  const { email, mobile_number: mobile } = w.values;
  if (typeof email === 'string' && email !== '' && !EMAIL.test(email))
    addError(w, 'email', 'Enter a valid email address.');
  if (typeof mobile === 'string' && mobile !== '' && !MOBILE.test(mobile)) {
    addError(w, 'mobile_number', 'Enter a mobile number as +<country code>-<number>, e.g. +46-701234567.');
  }
}

/** Token settings that need other fields: the type, and where e-mail/SMS codes and activations go. */
function checkTokenSettings(w: WriteEvent): void {
  const merged = { ...w.row?.data, ...w.values };
  if (!merged.token_auth) return;
  const type = merged.token_type;
  if (!type) {
    addError(w, 'token_type', 'A token type is required when token authentication is on.');
    return;
  }
  const needsEmail =
    type === 'email' || type === 'dual' || (type === 'ftm' && merged.ftm_act_method !== 'sms');
  const needsMobile =
    type === 'sms' || type === 'dual' || (type === 'ftm' && merged.ftm_act_method === 'sms');
  if (needsEmail && !merged.email)
    addError(w, 'email', `An email address is required for token type '${type}'.`);
  if (needsMobile && !merged.mobile_number) {
    addError(w, 'mobile_number', `A mobile number is required for token type '${type}'.`);
  }
  if (merged.ftk_only && (type === 'ftk' || type === 'ftm') && w.values.password) {
    addError(w, 'password', 'A FortiToken-only user has no password.');
  }
}

function usernameTaken(sim: FacSim, key: string, username: unknown, row: Row | undefined): boolean {
  const other = sim.collection(key).find('username', username);
  return other !== undefined && other !== row;
}

/**
 * The token a user's settings ask for, when it differs from the one held: the serial named (which
 * must be free), or the next free token of the type. Throws the appliance's 400 when there is none.
 */
function tokenToAssign(sim: FacSim, data: Record<string, unknown>, userId?: number): Row | undefined {
  const type = data.token_type;
  if (!data.token_auth || (type !== 'ftk' && type !== 'ftm')) return undefined;
  const current = data._token as string | undefined;
  const wanted = (data.token_serial as string | undefined) || undefined;
  const held = current ? tokenBySerial(sim, current) : undefined;
  if (held && held.data.type === type && (wanted === undefined || wanted === current)) return undefined;
  return pickToken(sim, type, wanted, userId);
}

/** Assigns the token the settings ask for (sending the FTM activation) and releases the one held before. */
function applyToken(sim: FacSim, services: FacServices, row: Row): void {
  const data = row.data;
  const hardware = data.token_auth && (data.token_type === 'ftk' || data.token_type === 'ftm');
  const token = tokenToAssign(sim, data, row.id);
  const current = data._token as string | undefined;
  if (!hardware || token) {
    if (current) releaseToken(sim, current, row.id);
    delete data._token;
  }
  if (!token) {
    data.token_serial = hardware ? (current ?? '') : '';
    return;
  }
  assignToken(token, row.id);
  data._token = token.data.serial;
  data.token_serial = token.data.serial;
  if (data.token_type === 'ftm') sendActivation(sim, services, row);
}

function sendActivation(sim: FacSim, services: FacServices, row: Row): void {
  const bySms = row.data.ftm_act_method === 'sms';
  sim.outbox.push({
    kind: bySms ? 'sms' : 'email',
    to: String(bySms ? row.data.mobile_number : row.data.email),
    subject: 'FortiToken Mobile activation',
    username: String(row.data.username),
    code: randomCode(sim.random),
    at: sim.now(),
  });
  if (services.activationFailures > 0) {
    services.activationFailures--;
    // The mail went out, the user exists, and yet the reply is an error.
    throw badRequest('Failed to send FortiToken Mobile activation message');
  }
}

function membershipsOf(sim: FacSim, userUri: string): Row[] {
  return sim
    .collection('localgroup-memberships')
    .rows()
    .filter((m) => m.data.user === userUri);
}

/** Sends an e-mail or SMS code to a user with such a token, for `/auth/` to accept once. */
function sendCode(sim: FacSim, services: FacServices, row: Row): void {
  const type = row.data.token_type;
  if (!row.data.token_auth || (type !== 'email' && type !== 'sms' && type !== 'dual')) {
    throw badRequest('The user has no email or SMS token.');
  }
  const code = randomCode(sim.random);
  services.codes.set(row.id, { code, expiresAt: sim.now() + CODE_LIFETIME_MS });
  const bySms = type === 'sms';
  sim.outbox.push({
    kind: bySms ? 'sms' : 'email',
    to: String(bySms ? row.data.mobile_number : row.data.email),
    subject: 'Token code',
    username: String(row.data.username),
    code,
    at: sim.now(),
  });
}

export function userHooks(services: FacServices): Record<string, ResourceHooks> {
  return {
    localusers: {
      check(sim, w) {
        const { username } = w.values;
        if (typeof username === 'string') {
          if (!USERNAME.test(username)) {
            addError(w, 'username', 'Enter a valid username: letters, digits and @ . + - _ only.');
          } else if (usernameTaken(sim, 'localusers', username, w.row) || sim.admins.get(username)) {
            addError(w, 'username', 'A user with that username already exists.');
          }
        }
        // New accounts are enabled unless the caller says otherwise, as in the GUI.
        if (w.mode === 'create' && w.body.active === undefined) w.values.active = true;
        if (w.mode !== 'update' && !w.values.password && !w.values.email && !w.values.ftk_only) {
          addError(w, 'email', 'An email address is required when no password is given.');
        }
        checkContact(w);
        checkTokenSettings(w);
        if (Object.keys(w.errors).length === 0)
          tokenToAssign(sim, { ...w.row?.data, ...w.values }, w.row?.id);
      },
      stored(sim, row, w) {
        if (w.mode !== 'update' && !row.data.password && !row.data.ftk_only) {
          // No password given: the appliance makes one up and mails it.
          row.data.password = randomCode(sim.random) + randomCode(sim.random);
          sim.outbox.push({
            kind: 'email',
            to: String(row.data.email),
            subject: 'Your new account',
            username: String(row.data.username),
            code: String(row.data.password),
            at: sim.now(),
          });
        }
        applyToken(sim, services, row);
      },
      deleting(sim, row) {
        releaseToken(sim, row.data._token, row.id);
        const uri = sim.uriOf('localusers', row);
        for (const membership of membershipsOf(sim, uri))
          sim.collection('localgroup-memberships').delete(membership.id);
        services.codes.delete(row.id);
      },
      computed: {
        user_groups: (sim, row) => membershipsOf(sim, sim.uriOf('localusers', row)).map((m) => m.data.group),
      },
      actions: {
        sendoobtoken(sim, row) {
          sendCode(sim, services, row as Row);
          return empty(200);
        },
      },
    },
    'localusers/radiusattributes': {
      list: (_sim, rows) =>
        json(200, {
          radius_attributes: rows.map((row) => ({
            attr_val: row.data.attr_val,
            attribute: row.data.attribute,
            owner: row.data.owner ?? '',
            vendor: row.data.vendor ?? '',
          })),
        }),
    },
    ldapusers: {
      check(sim, w) {
        if (w.mode !== 'update' && usernameTaken(sim, 'ldapusers', w.values.username, w.row)) {
          addError(w, 'username', 'A user with that username already exists.');
        }
        if (w.mode !== 'update') {
          w.values.server_name ??= 'ldap.example.com';
          w.values.server_address ??= '192.0.2.10';
        }
        checkContact(w);
      },
      actions: {
        sendoobtoken(sim, row) {
          sendCode(sim, services, row as Row);
          return empty(200);
        },
      },
    },
    radiususers: {
      check(sim, w) {
        if (w.mode !== 'update' && usernameTaken(sim, 'radiususers', w.values.username, w.row)) {
          addError(w, 'username', 'A user with that username already exists.');
        }
        checkContact(w);
      },
      actions: {
        sendoobtoken(sim, row) {
          sendCode(sim, services, row as Row);
          return empty(200);
        },
      },
    },
    localapiadmin: {
      check(sim, w) {
        const { username } = w.values;
        if (
          typeof username === 'string' &&
          (sim.admins.get(username) || usernameTaken(sim, 'localusers', username, undefined))
        ) {
          addError(w, 'username', 'A user with that username already exists.');
        }
      },
      stored(sim, row) {
        const admin = sim.admins.add({
          username: String(row.data.username),
          ...(typeof row.data.password === 'string' ? { password: row.data.password } : {}),
        });
        row.data._apiKey = admin.apiKey;
      },
      // The key is shown once, in the create reply.
      render(_sim, out) {
        delete out.api_key;
      },
      created: (_sim, row) => ({ api_key: row.data._apiKey }),
      deleting(sim, row) {
        sim.admins.remove(String(row.data.username));
      },
    },
  };
}
