/** Session and system endpoints: logout, version, the current actor. */
import type { SoarAuth } from './auth/gate.js';
import type { SoarRouter } from './http/call.js';
import { json } from './http/replies.js';
import { ld } from './records/routes.js';
import { MODULE_SCHEMAS } from './records/schema.js';
import type { RecordService } from './records/service.js';

const SIMULATED_VERSION = '7.6.1-5275';

export function registerMiscRoutes(router: SoarRouter, auth: SoarAuth, records: RecordService): void {
  router
    .add('POST', '/api/3/logout', (call) => {
      auth.logout(call.principal);
      return { status: 204 };
    })
    .add('GET', '/api/version', () => json(200, { version: SIMULATED_VERSION }))
    .add('GET', '/api/3/actors/current', (call) => {
      const person = records.store.byIri(call.userIri);
      return ld(200, {
        ...(person ? records.views.render(person, { context: true }) : { '@id': call.userIri }),
        '@permissions': permissions(call.principal.user.readOnly),
      });
    });
}

/** `@permissions` of the current actor: every module readable, writable unless the user is read-only. */
function permissions(readOnly: boolean): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const module of MODULE_SCHEMAS.keys()) {
    out[module] = {
      create: !readOnly,
      delete: !readOnly,
      execute: !readOnly,
      fields: [],
      read: true,
      update: !readOnly,
    };
  }
  return out;
}
