import type { ResourceHooks } from '../engine.js';
import { authHooks } from './authn.js';
import { groupHooksTable } from './groups.js';
import type { PushSessions } from './push.js';
import { pushHooks } from './push.js';
import type { FacServices } from './services.js';
import { ssoHooks } from './sso.js';
import { systemHooks } from './system.js';
import { tokenHooks } from './tokens.js';
import { userHooks } from './users.js';

/** Every resource's hooks, bound to one simulator's shared state. */
export function allHooks(services: FacServices, pushes: PushSessions): Record<string, ResourceHooks> {
  return {
    ...userHooks(services),
    ...groupHooksTable(),
    ...tokenHooks(),
    ...authHooks(services),
    ...pushHooks(pushes),
    ...ssoHooks(services),
    ...systemHooks(),
  };
}
