/**
 * Groups and memberships: user groups and their members (kept in `localgroup-memberships`, so both
 * views agree), MAC groups and devices, and the FortiGate group filters with their SSO filter objects.
 */
import type { FacSim, ResourceHooks, WriteEvent } from '../engine.js';
import type { Row } from '../store.js';

interface Membership {
  /** The membership resource. */
  readonly key: string;
  /** Field with the group URI, and the group resource. */
  readonly group: readonly [field: string, resource: string];
  /** Field with the member URI, and the member resource. */
  readonly member: readonly [field: string, resource: string];
  /** Name fields shown on the membership: [field, resource, name field of that resource]. */
  readonly names: readonly (readonly [string, string, string])[];
}

const USERS: Membership = {
  key: 'localgroup-memberships',
  group: ['group', 'usergroups'],
  member: ['user', 'localusers'],
  names: [
    ['group_name', 'usergroups', 'name'],
    ['username', 'localusers', 'username'],
  ],
};

const DEVICES: Membership = {
  key: 'macgroup-memberships',
  group: ['group', 'macgroups'],
  member: ['device', 'macdevices'],
  names: [
    ['group_name', 'macgroups', 'name'],
    ['device_name', 'macdevices', 'name'],
  ],
};

function rowsWith(sim: FacSim, m: Membership, field: string, uri: string): Row[] {
  return sim
    .collection(m.key)
    .rows()
    .filter((row) => row.data[field] === uri);
}

/** The membership resource itself: no duplicates, names shown beside the URIs. */
function membershipHooks(m: Membership): ResourceHooks {
  const computed: Record<string, (sim: FacSim, row: Row) => unknown> = {};
  for (const [field, resource, nameField] of m.names) {
    const uriField = resource === m.group[1] ? m.group[0] : m.member[0];
    computed[field] = (sim, row) => sim.lookup(resource, 'uri', row.data[uriField])?.data[nameField] ?? '';
  }
  return {
    check(sim, w) {
      const [groupField] = m.group;
      const [memberField] = m.member;
      for (const field of [groupField, memberField]) {
        if (w.values[field] === undefined || w.values[field] === null) {
          w.errors[field] = ['This field is required.'];
        }
      }
      const duplicate = rowsWith(sim, m, groupField, String(w.values[groupField])).some(
        (row) => row.data[memberField] === w.values[memberField],
      );
      if (duplicate) w.errors.__all__ = ['A membership of this member in this group already exists.'];
    },
    computed,
  };
}

/** A group whose member list is a view of the membership resource; writing it replaces the members. */
function groupHooks(m: Membership, membersField: string, writable: boolean): ResourceHooks {
  const [groupField, groupResource] = m.group;
  const [memberField] = m.member;
  const members = (sim: FacSim, row: Row) =>
    rowsWith(sim, m, groupField, sim.uriOf(groupResource, row)).map((r) => r.data[memberField]);
  return {
    ...(writable
      ? {
          stored(sim: FacSim, row: Row, w: WriteEvent) {
            const wanted = w.values[membersField];
            delete row.data[membersField];
            if (!Array.isArray(wanted) && w.mode !== 'replace') return;
            const uri = sim.uriOf(groupResource, row);
            const collection = sim.collection(m.key);
            for (const old of rowsWith(sim, m, groupField, uri)) collection.delete(old.id);
            for (const member of new Set(Array.isArray(wanted) ? wanted : [])) {
              collection.insert({ [groupField]: uri, [memberField]: member });
            }
          },
        }
      : {}),
    deleting(sim, row) {
      const collection = sim.collection(m.key);
      for (const old of rowsWith(sim, m, groupField, sim.uriOf(groupResource, row)))
        collection.delete(old.id);
    },
    computed: { [membersField]: members },
  };
}

/** A member that leaves its groups when it is deleted. */
function memberHooks(m: Membership): ResourceHooks {
  const [memberField, memberResource] = m.member;
  return {
    deleting(sim, row) {
      const collection = sim.collection(m.key);
      for (const old of rowsWith(sim, m, memberField, sim.uriOf(memberResource, row)))
        collection.delete(old.id);
    },
  };
}

export function groupHooksTable(): Record<string, ResourceHooks> {
  return {
    usergroups: {
      ...groupHooks(USERS, 'users', true),
      duplicate: () => 'A user group with that name already exists.',
      render(_sim, out, query) {
        if (query.get('return_members') === 'false' || query.get('return_members') === '0') delete out.users;
      },
    },
    'localgroup-memberships': membershipHooks(USERS),
    macgroups: groupHooks(DEVICES, 'devices', false),
    macdevices: memberHooks(DEVICES),
    'macgroup-memberships': membershipHooks(DEVICES),
    fgtgroupfilter: {
      computed: {
        name: (_sim, row) => row.data.shortname,
        address: (_sim, row) => row.data.nasname,
      },
    },
    'fgtgroupfilter/ssofilterobjects': {
      check(sim, w) {
        const other = sim.collection('fgtgroupfilter/ssofilterobjects').find('name', w.values.name, w.parent);
        if (w.values.name !== undefined && other && other !== w.row) {
          w.errors.name = ['An SSO filter object with this name already exists in this filter.'];
        }
      },
    },
  };
}
