/**
 * What the generated catalog knows about a FortiManager URL: kind, key, methods, URL params and every
 * field with its type, choices, versions and sensitivity. The facts are read on the first call only.
 */
import type { UrlDescription } from './catalog/facts.js';
import type { CatalogUrl } from './catalog/types.js';

export type { FieldDescription, UrlDescription, VersionRange } from './catalog/facts.js';

const PLACEHOLDER = /^\{[^}]+\}$/;

/**
 * Describes a URL template (`/pm/config/adom/{adom}/obj/firewall/address`) or a literal URL
 * (`/pm/config/adom/root/obj/firewall/address/h1`); undefined when the catalog does not know it.
 * A catalogued template (`CatalogUrl`) is always described, so its description is not optional.
 *
 * @example
 * const d = await describeUrl('/pm/config/adom/{adom}/obj/firewall/address');
 * d.mkey;                                          // 'name'
 * d.fields.find((f) => f.name === 'type')?.choices; // ['ipmask', 'iprange', 'fqdn', ...]
 */
export function describeUrl(url: CatalogUrl): Promise<UrlDescription>;
export function describeUrl(url: string): Promise<UrlDescription | undefined>;
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

/**
 * The catalogued URL templates closest to a URL the catalog does not know (a misspelling), nearest
 * first: for "did you mean" hints. Placeholder values are compared as placeholders.
 *
 * @example
 * await nearestUrls('/pm/config/adom/root/obj/firewall/adress'); // ['/pm/config/adom/{adom}/obj/firewall/address', ...]
 */
export async function nearestUrls(url: string, count = 3): Promise<string[]> {
  const { loadFmgFacts } = await import('./catalog/facts.js');
  const facts = await loadFmgFacts();
  const wanted = shape(url);
  const scored = facts.templates.map((t) => ({
    template: t.template,
    distance: distance(wanted, shape(t.template)),
  }));
  scored.sort((a, b) => a.distance - b.distance || a.template.localeCompare(b.template));
  // Beyond about a third of the URL changed, a template is no longer a likely meaning.
  const limit = Math.max(3, Math.ceil(wanted.length / 3));
  return scored
    .filter((s) => s.distance <= limit)
    .slice(0, count)
    .map((s) => s.template);
}

const ADOM_STEP = /^(\/pm\/config\/adom|\/dvmdb\/adom)\/[^/]+/;

/** The URL with its ADOM as `{adom}` and any `{name}` as `{}`, so that values do not count as typos. */
function shape(url: string): string {
  const path = url.startsWith('/') ? url : `/${url}`;
  return path
    .replace(ADOM_STEP, '$1/{adom}')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
}

/** Levenshtein distance of two strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
