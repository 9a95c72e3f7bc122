import { beforeAll, describe, expect, it } from 'vitest';
import { type FmgFacts, loadFmgFacts } from '../../../src/fortimanager/catalog/facts.js';
import {
  loadUrlKinds,
  type UrlKinds,
  urlIndexOf,
  urlKinds,
} from '../../../src/fortimanager/catalog/url-index.js';

let facts: FmgFacts;
let kinds: UrlKinds;
beforeAll(async () => {
  facts = await loadFmgFacts();
  kinds = await loadUrlKinds();
});

/** What the full facts say: a table's collection URL, another URL, or not catalogued. */
function fromFacts(url: string): boolean | undefined {
  const match = facts.match(url);
  return match === undefined ? undefined : match.object.kind === 'table' && !match.item;
}

/** A literal URL of a template: each placeholder filled with a value of its own. */
function literal(template: string): string {
  return template.replace(/\{[^}]+\}/g, (placeholder) =>
    placeholder === '{pkg_path}' ? 'folder/pkg' : `v${placeholder.length}`,
  );
}

describe('the shipped URL index', () => {
  it('is the index of the shipped facts (npm run generate writes both)', () => {
    const rebuilt = urlKinds(urlIndexOf(facts.objects));
    for (const { template } of facts.templates)
      expect(rebuilt.isTable(template)).toBe(kinds.isTable(template));
  });

  it('tells every catalogued template and a literal URL of it as the facts do', () => {
    let tables = 0;
    for (const { template } of facts.templates) {
      const expected = fromFacts(template);
      expect(kinds.isTable(template), template).toBe(expected);
      expect(kinds.isTable(literal(template)), literal(template)).toBe(fromFacts(literal(template)));
      if (expected) tables++;
    }
    expect(tables).toBeGreaterThan(1000);
  });

  it('answers undefined for a URL the catalog does not know, with or without the leading slash', () => {
    expect(kinds.isTable('/pm/config/adom/root/obj/firewall/adress')).toBeUndefined();
    expect(kinds.isTable('pm/config/adom/{adom}/obj/firewall/address')).toBe(true);
    expect(kinds.isTable('/pm/config/adom/root/obj/firewall/address/h\\/1')).toBe(false);
    expect(kinds.isTable('/sys/status')).toBe(false);
  });
});
