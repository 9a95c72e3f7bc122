/**
 * FortiAnalyzer calls sent on a FortiManager's session. A FortiManager with its FortiAnalyzer
 * features enabled (or managing a FortiAnalyzer) answers the FortiAnalyzer URL families on its own
 * `/jsonrpc`: Fortinet's FortiManager administration guide (6.2, 6.4) lists FortiView, Log View,
 * Incidents & Events and Reports as those features. The other apiver-3 families (IOC, Fabric
 * automation, UEBA, the FortiAnalyzer system pages) are FortiAnalyzer's own; that a FortiManager
 * does not answer them is inferred from that list, not recorded, and they are refused before sending.
 *
 * The link borrows the FortiManager's engine: one login, one connection pool, its re-login, retries
 * and timeouts. Closing the link waits for its own calls only; the FortiManager stays logged in.
 */

import type { Clock } from '../core/clock.js';
import { TransportError, ValidationError } from '../core/errors.js';
import type { LoginSubject } from '../fortimanager/auth/identity.js';
import type { SendOptions } from '../fortimanager/engine.js';
import type { SharedRpc } from '../fortimanager/shared-rpc.js';
import type { RpcReply, WireParams } from '../fortimanager/types.js';
import type { FazLink } from './link.js';

const VIA = 'FortiManager';

/** FortiAnalyzer URL families a FortiManager does not serve (see the module comment). */
const ANALYZER_ONLY = /^\/?(ioc|soar|ueba|fazsys)(\/|$)/;

export class FortiManagerLink implements FazLink {
  readonly via = VIA;
  readonly #rpc: SharedRpc;
  readonly #inflight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(rpc: SharedRpc) {
    this.#rpc = rpc;
  }

  get who(): LoginSubject {
    return this.#rpc.who;
  }

  get clock(): Clock {
    return this.#rpc.runtime.clock;
  }

  send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply> {
    if (this.#closed || this.#rpc.runtime.closed) return Promise.reject(this.#closedError(method));
    const foreign = params.find((param) => ANALYZER_ONLY.test(param.url));
    if (foreign) {
      return Promise.reject(
        new ValidationError(
          `FortiAnalyzer (through ${VIA}) ${method} ${foreign.url}: a FortiManager does not serve ` +
            `/${ANALYZER_ONLY.exec(foreign.url)![1]}; call the FortiAnalyzer itself (new FortiAnalyzer({ url, ... }))`,
          'url',
        ),
      );
    }
    const call = this.#rpc.engine.send(method, params, options);
    this.#inflight.add(call);
    const forget = () => this.#inflight.delete(call);
    call.then(forget, forget);
    return call;
  }

  async close(): Promise<void> {
    this.#closed = true;
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  #closedError(method: string): TransportError {
    const which = this.#closed
      ? 'this FortiAnalyzer client is closed; create a new one with FortiAnalyzer.through(fmg)'
      : `the ${VIA} client it sends through is closed`;
    return new TransportError(`FortiAnalyzer (through ${VIA}) ${method}: ${which}`, 'closed', {
      requestSent: false,
    });
  }
}
