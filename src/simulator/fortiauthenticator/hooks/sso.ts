/**
 * `POST /ssoauth/`: logon (event 1) and logoff (event 0) events for FortiSSO. Sessions are kept by IP
 * address (a logon from an IP replaces whoever was there); local users must belong to a group,
 * others must bring their groups (`user_groups`, `+`-separated).
 */
import type { ResourceHooks } from '../engine.js';
import { badRequest, empty, fieldErrors } from '../http.js';
import type { FacServices } from './services.js';

export function ssoHooks(services: FacServices): Record<string, ResourceHooks> {
  return {
    ssoauth: {
      post(sim, body) {
        if (!services.ssoEnabled) return empty(404);
        const b = Array.isArray(body) ? {} : body;
        const errors: Record<string, string[]> = {};
        const event = String(b.event ?? '');
        if (event !== '0' && event !== '1')
          errors.event = ['Select a valid choice: 1 (logon) or 0 (logoff).'];
        const username = typeof b.username === 'string' ? b.username : '';
        if (username === '') errors.username = ['This field is required.'];
        else if (username.length > 253) errors.username = ['Ensure this value has at most 253 characters.'];
        const ip = [b.user_ip, b.user_ipv6].find((v): v is string => typeof v === 'string' && v !== '');
        if (!ip) errors.user_ip = ['Either user_ip or user_ipv6 is required.'];
        if (Object.keys(errors).length > 0) throw fieldErrors('ssoauth', errors);
        const address = ip as string;
        if (event === '0') {
          if (services.sso.get(address)?.username === username) services.sso.delete(address);
          return empty(200);
        }
        let groups =
          typeof b.user_groups === 'string' && b.user_groups !== '' ? b.user_groups.split('+') : [];
        const local = sim.collection('localusers').find('username', username);
        if (local) {
          const uri = sim.uriOf('localusers', local);
          groups = sim
            .collection('localgroup-memberships')
            .rows()
            .filter((m) => m.data.user === uri)
            .map((m) => String(sim.lookup('usergroups', 'uri', m.data.group)?.data.name ?? ''));
          if (groups.length === 0) throw badRequest(`Local user '${username}' belongs to no group.`);
        } else if (groups.length === 0) {
          throw badRequest('user_groups is required for users that are not local.');
        }
        services.sso.set(address, { username, ip: address, groups, since: sim.now() });
        return empty(200);
      },
    },
  };
}
