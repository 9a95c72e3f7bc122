/**
 * FortiTokens: the pool (hardware FTK and FortiToken Mobile), their one-time codes (TOTP, RFC 6238,
 * 60 s steps, 6 digits, from a secret per token), assignment to users, and the FTM and SMS licenses.
 */
import { createHmac } from 'node:crypto';
import type { FacSim, ResourceHooks } from '../engine.js';
import { badRequest, json } from '../http.js';
import type { Row } from '../store.js';

const STEP_MS = 60_000;
const TOKENS = 'fortitokens';

export type TokenType = 'ftk' | 'ftm';

export interface TokenSpec {
  type: TokenType;
  locked?: boolean;
  license?: string;
  status?: 'new' | 'available' | 'pending' | 'assigned';
}

/** Adds tokens to the pool and returns their serial numbers. */
export function addTokens(sim: FacSim, n: number, spec: TokenSpec): string[] {
  const collection = sim.collection(TOKENS);
  const serials: string[] = [];
  for (let i = 0; i < n; i++) {
    const serial = `${spec.type === 'ftm' ? 'FTKMOB' : 'FTK200'}${hex(sim.random, 10).toUpperCase()}`;
    collection.insert({
      serial,
      type: spec.type,
      status: spec.status ?? 'available',
      locked: spec.locked ?? false,
      license: spec.license ?? (spec.type === 'ftm' ? 'EFTM0100001' : 'FTK200-LIC'),
      last_used_at: null,
      _secret: hex(sim.random, 40),
    });
    serials.push(serial);
  }
  return serials;
}

export function tokenBySerial(sim: FacSim, serial: string): Row | undefined {
  return sim.collection(TOKENS).find('serial', serial);
}

/** The code a token shows at `at` (ms). */
export function totp(secretHex: string, at: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / STEP_MS)));
  const mac = createHmac('sha1', Buffer.from(secretHex, 'hex')).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** Whether `code` is the token's code now or one step either side (clock drift). */
export function checkTokenCode(sim: FacSim, token: Row, code: string): boolean {
  const secret = token.data._secret as string;
  const now = sim.now();
  const ok = [-1, 0, 1].some((step) => totp(secret, now + step * STEP_MS) === code);
  if (ok) token.data.last_used_at = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  return ok;
}

/**
 * The token to assign: the named serial (which must be of the right type, available and unlocked,
 * or already this user's) or, when none is named, the next free one of the type.
 */
export function pickToken(sim: FacSim, type: TokenType, serial: string | undefined, userId?: number): Row {
  if (serial) {
    const token = tokenBySerial(sim, serial);
    const own = token !== undefined && userId !== undefined && token.data._user === userId;
    if (
      !token ||
      token.data.type !== type ||
      (!own && (token.data.status !== 'available' || token.data.locked))
    ) {
      throw badRequest('This serial number is not available for use.');
    }
    return token;
  }
  for (const token of sim.collection(TOKENS).all()) {
    if (token.data.type === type && token.data.status === 'available' && !token.data.locked) return token;
  }
  throw badRequest(`No ${type === 'ftm' ? 'FortiToken Mobile' : 'FortiToken'} is available for assignment.`);
}

export function assignToken(token: Row, userId: number): void {
  token.data.status = 'assigned';
  token.data._user = userId;
}

export function releaseToken(sim: FacSim, serial: unknown, userId: number): void {
  const token = typeof serial === 'string' && serial ? tokenBySerial(sim, serial) : undefined;
  if (token && token.data._user === userId) {
    token.data.status = 'available';
    delete token.data._user;
  }
}

function countFtm(sim: FacSim): { total: number; used: number } {
  let total = 0;
  let used = 0;
  for (const token of sim.collection(TOKENS).all()) {
    if (token.data.type !== 'ftm') continue;
    total++;
    if (token.data.status !== 'available' || token.data.locked) used++;
  }
  return { total, used };
}

export function tokenHooks(): Record<string, ResourceHooks> {
  return {
    fortitokens: {
      deleting(_sim, row) {
        if (row.data._user !== undefined)
          throw badRequest('The token is assigned to a user and cannot be deleted.');
      },
    },
    fortitokenmobilelicenses: {
      view(sim) {
        const { total, used } = countFtm(sim);
        return { total_ftm: total, used_ftm: used, available_ftm: total - used };
      },
      post(sim, body) {
        const license = (body as { license?: unknown }).license;
        if (typeof license !== 'string' || license === '') {
          return json(400, { fortitokenmobilelicenses: { license: ['This field is required.'] } });
        }
        addTokens(sim, 5, { type: 'ftm', license });
        return json(201, { license, messages: { success: 'FortiToken Mobile license activated.' } });
      },
    },
    fortiguardmessages: {
      view(_sim, stored) {
        const total = (stored._total as number | undefined) ?? 100;
        const used = (stored._used as number | undefined) ?? 0;
        return { total_sms: total, used_sms: used, available_sms: total - used };
      },
      post(sim, body) {
        const license = (body as { license?: unknown }).license;
        if (typeof license !== 'string' || license === '') {
          return json(400, { fortiguardmessages: { license: ['This field is required.'] } });
        }
        const stored = sim.settings('fortiguardmessages');
        stored._total = ((stored._total as number | undefined) ?? 100) + 100;
        return json(201, { license, messages: { success: 'FortiGuard Messaging license activated.' } });
      },
    },
  };
}

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
