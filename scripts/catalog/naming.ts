/** `firewall_address` -> `FirewallAddress`, `ip6-delegated-prefix-list` -> `Ip6DelegatedPrefixList`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Hands out unique type names: a taken name gets a numeric suffix (`Foo2`, `Foo3`, ...). */
export class NameRegistry {
  readonly #used = new Set<string>(['FmgCatalog', 'FmgLooseObject']);

  claim(hint: string): string {
    const base = /^[A-Za-z_]/.test(hint) ? hint : `T${hint}`;
    let name = base;
    for (let n = 2; this.#used.has(name); n++) name = `${base}${n}`;
    this.#used.add(name);
    return name;
  }
}

/** A property key as TypeScript source: bare when it is an identifier, else single-quoted. */
export function propertyKey(wire: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(wire) ? wire : quote(wire);
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
