/**
 * Push authentication: `POST /pushauth/` sends a push to the user's FortiToken Mobile and answers once
 * the user approves (200) or denies, or the push times out (401). The phone answers through
 * `POST /pushauthresp/` (`validate` with the token code, or `alert` to report a push it did not ask
 * for); tests answer with `answerPush()` or let a policy answer every push.
 */

import { randomKey } from '../admins.js';
import type { FacSim, ResourceHooks } from '../engine.js';
import { type Body, empty, fieldErrors } from '../http.js';
import { checkTokenCode, tokenBySerial } from './tokens.js';

export interface PushOptions {
  /** How pushes are answered: by a simulated user who approves or denies, or only when told (`manual`). */
  respond?: 'approve' | 'deny' | 'manual';
  /** How long the simulated user takes to answer (default 0). */
  delayMs?: number;
  /** After this long an unanswered push fails with 401 (default 60 s). */
  timeoutMs?: number;
}

/** A push waiting for the user's answer. */
export interface SimPush {
  readonly sessionId: string;
  readonly username: string;
  readonly userIp: string | undefined;
  readonly logMessage: string | undefined;
  readonly sentAt: number;
}

interface Pending extends SimPush {
  resolve(approved: boolean): void;
}

export class PushSessions {
  readonly #pending = new Map<string, Pending>();
  readonly #options: Required<PushOptions>;

  constructor(options: PushOptions = {}) {
    this.#options = { respond: 'approve', delayMs: 0, timeoutMs: 60_000, ...options };
  }

  pending(): SimPush[] {
    return [...this.#pending.values()].map(({ resolve: _, ...push }) => push);
  }

  /** Answers a pending push; false when there is none with this id. */
  answer(sessionId: string, approved: boolean): boolean {
    const push = this.#pending.get(sessionId);
    if (!push) return false;
    this.#pending.delete(sessionId);
    push.resolve(approved);
    return true;
  }

  get(sessionId: string): SimPush | undefined {
    return this.#pending.get(sessionId);
  }

  /** Sends a push and waits for its answer. */
  async send(sim: FacSim, push: Omit<SimPush, 'sessionId' | 'sentAt'>): Promise<boolean> {
    const sessionId = randomKey(sim.random, 32);
    const answered = new Promise<boolean>((resolve) => {
      this.#pending.set(sessionId, { ...push, sessionId, sentAt: sim.now(), resolve });
    });
    const { respond, delayMs, timeoutMs } = this.#options;
    if (respond !== 'manual') {
      void sim.clock.sleep(delayMs).then(() => this.answer(sessionId, respond === 'approve'));
    }
    const abandon = new AbortController();
    const timeout = sim.clock.sleep(timeoutMs, abandon.signal).then(
      () => false,
      () => false,
    );
    const approved = await Promise.race([answered, timeout]);
    abandon.abort();
    this.#pending.delete(sessionId);
    return approved;
  }

  /** Ends every pending push as denied (the simulator is closing). */
  close(): void {
    for (const id of [...this.#pending.keys()]) this.answer(id, false);
  }
}

function text(body: Body, field: string): string | undefined {
  const value = Array.isArray(body) ? undefined : body[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function pushHooks(pushes: PushSessions): Record<string, ResourceHooks> {
  return {
    pushauth: {
      async post(sim, body) {
        const username = text(body, 'username');
        if (!username) return fieldErrors('pushauth', { username: ['This field is required.'] }).reply;
        if (username.length > 50) {
          return fieldErrors('pushauth', {
            username: [`Ensure this value has at most 50 characters (it has ${username.length}).`],
          }).reply;
        }
        const row = sim.collection('localusers').find('username', username);
        const hasMobileToken = row?.data.token_auth && row.data.token_type === 'ftm' && row.data._token;
        if (!row || !hasMobileToken) return empty(404);
        if (row.data.active === false) return empty(401);
        const approved = await pushes.send(sim, {
          username,
          userIp: text(body, 'user_ip'),
          logMessage: text(body, 'log_message'),
        });
        return empty(approved ? 200 : 401);
      },
    },
    pushauthresp: {
      post(sim, body) {
        const sessionId = text(body, 'session_id');
        const action = text(body, 'action');
        const errors: Record<string, string[]> = {};
        if (!sessionId) errors.session_id = ['This field is required.'];
        if (action !== 'validate' && action !== 'alert') errors.action = ['Must be "validate" or "alert".'];
        if (action === 'validate' && !text(body, 'token_code'))
          errors.token_code = ['This field is required.'];
        if (action === 'alert') {
          for (const field of ['message', 'hmac'])
            if (!text(body, field)) errors[field] = ['This field is required.'];
        }
        if (Object.keys(errors).length > 0) return fieldErrors('pushauthresp', errors).reply;
        const push = pushes.get(sessionId as string);
        if (!push) return empty(401);
        if (action === 'alert') {
          pushes.answer(push.sessionId, false);
          return empty(200);
        }
        const user = sim.collection('localusers').find('username', push.username);
        const token =
          typeof user?.data._token === 'string' ? tokenBySerial(sim, user.data._token) : undefined;
        if (!token || !checkTokenCode(sim, token, text(body, 'token_code') as string)) return empty(401);
        pushes.answer(push.sessionId, true);
        return empty(200);
      },
    },
  };
}
