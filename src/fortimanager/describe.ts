/**
 * What the generated catalog knows about a FortiManager URL: kind, key, methods, URL params and every
 * field with its type, choices, versions and sensitivity. The facts are read on the first call only.
 */
import type { UrlDescription } from './catalog/facts.js';

export type { FieldDescription, UrlDescription, VersionRange } from './catalog/facts.js';

const PLACEHOLDER = /^\{[^}]+\}$/;

/**
 * Describes a URL template (`/pm/config/adom/{adom}/obj/firewall/address`) or a literal URL
 * (`/pm/config/adom/root/obj/firewall/address/h1`); undefined when the catalog does not know it.
 *
 * @example
 * const d = await describeUrl('/pm/config/adom/{adom}/obj/firewall/address');
 * d?.mkey;                                          // 'name'
 * d?.fields.find((f) => f.name === 'type')?.choices; // ['ipmask', 'iprange', 'fqdn', ...]
 */
export async function describeUrl(url: string): Promise<UrlDescription | undefined> {
  const { loadFmgFacts } = await import('./catalog/facts.js');
  const description = (await loadFmgFacts()).describe(url);
  if (description === undefined) return undefined;
  // A template with other placeholder names (`.../address/{name}`) matches as if `{name}` were a key.
  const params = Object.fromEntries(
    Object.entries(description.params).filter(([, v]) => !PLACEHOLDER.test(v)),
  );
  return { ...description, params };
}
