/**
 * Member edits, FortiManager's way of changing a list attribute one member at a time (`scope
 * member`, an address group's `member`): `add` appends the members not there yet, `delete` removes
 * the given ones (all of them without data), `set`/`update`/`replace` take the given list, `unset`
 * empties it.
 */
import type { WriteMethod } from './schema.js';

/**
 * The list after a member edit; undefined for a method that edits no members. `given` undefined:
 * the request had no data.
 */
export function editedMembers(
  method: WriteMethod,
  current: readonly unknown[],
  given: readonly unknown[] | undefined,
): unknown[] | undefined {
  const members = given ?? [];
  switch (method) {
    case 'add':
      return [...current, ...members.filter((member) => !current.some((m) => sameMember(m, member)))];
    case 'delete':
      return given === undefined
        ? []
        : current.filter((m) => !members.some((member) => sameMember(m, member)));
    case 'unset':
      return [];
    case 'set':
    case 'update':
    case 'replace':
      return [...members];
    default:
      return undefined;
  }
}

/** Two members are the same: equal names, and equal VDOMs when both name one (or equal plain values). */
function sameMember(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  if (left.name !== right.name) return false;
  return left.vdom === undefined || right.vdom === undefined || left.vdom === right.vdom;
}
