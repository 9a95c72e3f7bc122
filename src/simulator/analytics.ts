/**
 * FortiAnalyzer's JSON-RPC as another simulated product serves it on its own `/jsonrpc`: a
 * FortiManager with FortiAnalyzer features answers the FortiAnalyzer URL families for the admins it
 * authenticated itself (its own sessions, API keys, permissions and ADOM restrictions).
 */
import type { Envelope } from './jsonrpc-envelope.js';
import type { SimResponse } from './types.js';

/** An admin the relaying product authenticated. */
export interface AnalyticsCaller {
  readonly user: string;
  readonly permit: 'read-write' | 'read';
  /** ADOMs the admin may use; undefined: every ADOM. */
  readonly adoms: ReadonlySet<string> | undefined;
}

export interface AnalyticsService {
  /** True for a URL of the families it answers (`/logview`, `/fortiview`, `/report`, `/eventmgmt`, ...). */
  serves(url: string): boolean;
  /**
   * Answers a JSON-RPC envelope in FortiAnalyzer's dialects (legacy, or JSON-RPC 2.0 with
   * `apiver: 3`); `caller` undefined: not authenticated (every param is refused with -11).
   */
  answer(envelope: Envelope, caller: AnalyticsCaller | undefined): SimResponse;
}
