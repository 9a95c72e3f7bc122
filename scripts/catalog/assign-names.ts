/**
 * Names every shape. Objects claim their own names first (`firewall_address` -> `FirewallAddress`,
 * its `data` variant -> `FirewallAddressInput` when overrides make it differ), so a nested sub-table
 * identical to a catalogued object reuses that object's name. Remaining nested shapes are named
 * after their parent and attribute (`FirewallAddressTagging`). Order is fixed, so names are stable.
 */
import { compareText } from '../../src/fortimanager/catalog/rules.js';
import { NameRegistry, pascalCase } from './naming.js';
import type { ObjectModel, ShapeModel } from './shapes.js';

export interface Naming {
  /** Shape id -> interface name. */
  readonly names: ReadonlyMap<string, string>;
  /** `export type <name> = <target>` for objects whose rows are identical to an earlier object's. */
  readonly aliases: readonly { readonly group: string; readonly name: string; readonly target: string }[];
  /** Object name -> type names used by its entries. */
  readonly objectTypes: ReadonlyMap<string, { readonly read: string; readonly write: string }>;
}

export function assignNames(models: readonly ObjectModel[]): Naming {
  const registry = new NameRegistry();
  const names = new Map<string, string>();
  const aliases: { group: string; name: string; target: string }[] = [];
  const objectTypes = new Map<string, { read: string; write: string }>();
  const sorted = [...models].sort((a, b) => compareText(a.facts.name, b.facts.name));

  const nameOf = (shape: ShapeModel, hint: string): string => {
    let name = names.get(shape.id);
    if (name === undefined) {
      name = registry.claim(hint);
      names.set(shape.id, name);
    }
    return name;
  };

  for (const { facts, group, read } of sorted) {
    if (read === undefined) continue;
    const own = pascalCase(facts.name);
    const existing = names.get(read.id);
    if (existing === undefined) {
      objectTypes.set(facts.name, { read: nameOf(read, own), write: '' });
    } else {
      const name = registry.claim(own);
      aliases.push({ group, name, target: existing });
      objectTypes.set(facts.name, { read: name, write: '' });
    }
  }
  for (const { facts, read, write } of sorted) {
    const types = objectTypes.get(facts.name);
    if (read === undefined || write === undefined || types === undefined) continue;
    const writeName = write.id === read.id ? types.read : nameOf(write, `${types.read}Input`);
    objectTypes.set(facts.name, { read: types.read, write: writeName });
  }

  const visit = (read: ShapeModel, write: ShapeModel, readName: string): void => {
    read.children.forEach(({ attr, shape: child }, i) => {
      const writeChild = write.children[i]?.shape ?? child;
      const childName = nameOf(child, `${readName}_${pascalCase(attr)}`);
      if (writeChild.id !== child.id) nameOf(writeChild, `${childName}Input`);
      visit(child, writeChild, childName);
    });
  };
  for (const { facts, read, write } of sorted) {
    const types = objectTypes.get(facts.name);
    if (read !== undefined && write !== undefined && types !== undefined) {
      visit(read, write, names.get(read.id) ?? types.read);
    }
  }
  return { names, aliases, objectTypes };
}
