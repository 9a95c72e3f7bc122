/**
 * The URL index: every catalogued URL template and whether it is a table's collection URL, shipped
 * beside the facts (`specs/fortimanager/urls.json.br`: 25 – 30 ms to load, the facts 90 – 120). For
 * questions about a URL's kind only, such as whether `fortix fmg get` streams it page by page,
 * where reading the whole facts file would be a good part of a command's run.
 */
import { packedJsonLoader } from './packed-json.js';
import { catalogTemplates } from './rules.js';
import type { FmgObjectFacts } from './schema.js';
import { UrlTrie } from './url-trie.js';

/** The index as it is stored: every template, sorted as the facts sort them, and which are tables. */
export interface UrlIndexFile {
  templates: string[];
  /** Positions in `templates` of the table collection URLs. */
  tables: number[];
}

/** Relative to `src/fortimanager/catalog/` and `dist/fortimanager/catalog/` alike. */
export const URL_INDEX_URL = new URL('../../../specs/fortimanager/urls.json.br', import.meta.url);

/** The index of `objects` (the generator writes it; `catalogTemplates` decides who owns a template). */
export function urlIndexOf(objects: readonly FmgObjectFacts[]): UrlIndexFile {
  const index: UrlIndexFile = { templates: [], tables: [] };
  for (const { template, object, item } of catalogTemplates(objects)) {
    if (object.kind === 'table' && !item) index.tables.push(index.templates.length);
    index.templates.push(template);
  }
  return index;
}

/** Matches a URL as the facts do (see `facts.ts`): a template as it is, else a literal URL by the trie. */
export interface UrlKinds {
  /** True for a table's collection URL, false for another catalogued URL, undefined for an unknown one. */
  isTable(url: string): boolean | undefined;
}

/** Reads the shipped index once per process. */
export const loadUrlKinds: () => Promise<UrlKinds> = packedJsonLoader(URL_INDEX_URL, (file) =>
  urlKinds(file as UrlIndexFile),
);

export function urlKinds(file: UrlIndexFile): UrlKinds {
  const tables = new Set(file.tables);
  const exact = new Map<string, boolean>();
  // In the facts' order: of templates that share a trie path, the first one added answers.
  const trie = new UrlTrie<boolean>();
  file.templates.forEach((template, position) => {
    const table = tables.has(position);
    exact.set(template, table);
    trie.insert(template, table);
  });
  return {
    isTable: (url) => exact.get(url.startsWith('/') ? url : `/${url}`) ?? trie.match(url)?.value,
  };
}
