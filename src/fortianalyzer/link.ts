/**
 * Where a FortiAnalyzer client's JSON-RPC requests go: its own connection (a runtime and an engine
 * of its own, logged out on close), or a FortiManager's session (`through-fortimanager.ts`).
 */
import type { Clock } from '../core/clock.js';
import { createRuntime } from '../core/runtime.js';
import { createRpcAuth } from '../fortimanager/auth/create.js';
import type { LoginSubject } from '../fortimanager/auth/identity.js';
import type { FortiManagerOptions } from '../fortimanager/client-options.js';
import { RpcEngine, type SendOptions } from '../fortimanager/engine.js';
import { RpcWire } from '../fortimanager/rpc.js';
import type { RpcReply, WireParams } from '../fortimanager/types.js';
import type { FortiAnalyzerOptions } from './client-options.js';

export interface FazLink {
  readonly clock: Clock;
  /** The product that relays the calls, named in error messages; undefined when FortiAnalyzer answers itself. */
  readonly via: string | undefined;
  /** Whose credential the calls go out with. */
  readonly who: LoginSubject;
  send(method: string, params: readonly WireParams[], options: SendOptions): Promise<RpcReply>;
  /** Waits for calls in flight and refuses new ones (and, on an own connection, logs out and closes the sockets). */
  close(): Promise<void>;
}

const LABEL = 'FortiAnalyzer';

/** A connection of the client's own: session, API-key or FortiCloud login (client id `FortiAnalyzer`). */
export function ownConnection(options: FortiAnalyzerOptions): FazLink {
  const runtime = createRuntime(options, {
    product: 'fortianalyzer',
    secrets: [options.password, options.apiKey, options.cloud?.password],
  });
  try {
    const wire = new RpcWire({ runtime, slots: options.connections ?? 8, label: LABEL });
    const authOptions: FortiManagerOptions = {
      ...options,
      ...(options.cloud ? { cloud: { clientId: 'FortiAnalyzer', ...options.cloud } } : {}),
    };
    const { auth, cloud, mode } = createRpcAuth(authOptions, runtime, wire, LABEL);
    const engine = new RpcEngine(wire, auth, LABEL);
    if (cloud) runtime.onClose(() => cloud.close());
    runtime.onClose(() => auth.close());
    runtime.onClose(() => engine.drain());
    return {
      clock: runtime.clock,
      via: undefined,
      who: {
        auth: mode,
        get user() {
          return auth.user;
        },
      },
      send: (method, params, sendOptions) => engine.send(method, params, sendOptions),
      close: () => runtime.close(),
    };
  } catch (error) {
    void runtime.close();
    throw error;
  }
}
