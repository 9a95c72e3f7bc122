/**
 * Write replies of every version, turned into the object they made:
 * - 201 with the object (8.0.0), or a one-element list of it;
 * - 201 with an empty body and a `Location` (4.0, 6.x): the object is read from there;
 * - 207 with per-item results, the status under `statue` (8.0.3 `localusers`, also for one object);
 * - 202 with the object, or empty (4.0): the object is read back; PUT 204: read back.
 */
import { type FortixError, ProtocolError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { RestReply } from '../core/rest.js';
import { toFacError } from './errors.js';

/** A FortiAuthenticator reply: HTTP status, headers and the parsed body (undefined when empty). */
export interface FacReply {
  readonly status: number;
  readonly headers: RestReply['headers'];
  readonly data: unknown;
}

/**
 * The status of a 207 item, under `statue` as the appliance spells it (not `status`, which objects
 * such as FortiTokens have as a field of their own).
 */
function itemStatus(item: Record<string, unknown>): number | undefined {
  const raw = item.statue;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (/^\d{3}$/.test(raw)) return Number(raw);
    if (/^(success|ok|created)$/i.test(raw)) return 201;
    if (/^(fail|failed|failure|error)$/i.test(raw)) return 400;
  }
  return undefined;
}

/** One 207 item: the object (without the status key), or the error it reports. */
export function itemOutcome(
  item: unknown,
  where: string,
): { ok: true; object: Record<string, unknown> } | { ok: false; error: FortixError } {
  if (!isRecord(item)) {
    return {
      ok: false,
      error: new ProtocolError(`${where}: a per-item result is not an object`, { status: 207 }),
    };
  }
  const status = itemStatus(item) ?? (typeof item.resource_uri === 'string' ? 201 : 400);
  const { statue: _statue, ...rest } = item;
  if (status >= 200 && status < 300) return { ok: true, object: rest };
  return { ok: false, error: toFacError(status, rest, where) };
}

/** Whether a reply object is the whole object, not just its address (`{id, resource_uri}`). */
export function isComplete(object: Record<string, unknown>): boolean {
  return Object.keys(object).some((key) => key !== 'id' && key !== 'resource_uri');
}

/** Where the reply says the new object is: its `Location`, or its `resource_uri`. */
export function linkOf(reply: FacReply, object?: Record<string, unknown>): string | undefined {
  const location = reply.headers.location;
  const header = Array.isArray(location) ? location[0] : location;
  if (typeof header === 'string' && header !== '') return header;
  return typeof object?.resource_uri === 'string' ? object.resource_uri : undefined;
}

/** The object a create reply carries (possibly only partly), or undefined when it carries none. */
export function createdFromReply(reply: FacReply, where: string): Record<string, unknown> | undefined {
  const data = reply.data;
  if (Array.isArray(data)) {
    if (data.length !== 1) {
      throw new ProtocolError(`${where} answered ${data.length} results for one object`, {
        status: reply.status,
      });
    }
    const outcome = itemOutcome(data[0], where);
    if (!outcome.ok) throw outcome.error;
    return outcome.object;
  }
  return isRecord(data) ? data : undefined;
}

/** `https://host/api/v1/x/1/` -> `/api/v1/x/1/` (old versions send an absolute `Location`). */
export function withoutOrigin(link: string): string {
  return link.replace(/^https?:\/\/[^/]+/i, '');
}
