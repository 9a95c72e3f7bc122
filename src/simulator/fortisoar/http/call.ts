import type { SimRequest, SimResponse } from '../../types.js';
import type { Principal } from '../auth/gate.js';
import { hydraError } from './replies.js';
import type { Router } from './router.js';

/** One authenticated call as a route handler sees it. */
export interface SoarCall {
  readonly req: SimRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
  /** `/api/3/people/<uuid>` of the caller. */
  readonly userIri: string;
}

export type SoarHandler = (call: SoarCall) => SimResponse;

export type SoarRouter = Router<SoarHandler>;

/** Refuses a write by a read-only user, as FortiSOAR's role check does. */
export function assertCanWrite(call: SoarCall): void {
  if (call.principal.user.readOnly) throw hydraError(403, 'Access Denied.');
}

/** `$relationships=true`-style boolean query flags. */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '1';
}
