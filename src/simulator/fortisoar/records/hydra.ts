/** Hydra collections: `hydra:member`, `hydra:totalItems` and a `hydra:view` with page links. */
import { hydraError } from '../http/replies.js';

export interface PageRequest {
  readonly limit: number;
  readonly page: number;
}

/** `$limit` (default 30) and `$page` (default 1) of a query string (FortiSOAR reads `%24limit` alike). */
export function pageOf(query: URLSearchParams): PageRequest {
  const limit = positive(query.get('$limit'), 30, '$limit');
  const page = positive(query.get('$page'), 1, '$page');
  return { limit, page };
}

function positive(text: string | null, fallback: number, name: string): number {
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw hydraError(400, `${name} must be a positive integer.`);
  return value;
}

/** The slice of `items` a page covers. */
export function slice<T>(items: readonly T[], page: PageRequest): T[] {
  const start = (page.page - 1) * page.limit;
  return items.slice(start, start + page.limit);
}

/**
 * A collection reply. `path` is the collection's path; the view links keep the other query
 * parameters of the request and set `$limit`/`$page`.
 */
export function collection(
  path: string,
  context: string,
  members: readonly unknown[],
  totalItems: number,
  page: PageRequest,
  query: URLSearchParams,
): Record<string, unknown> {
  const last = Math.max(1, Math.ceil(totalItems / page.limit));
  const link = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('$limit', String(page.limit));
    params.set('$page', String(n));
    return `${path}?${params}`;
  };
  const view: Record<string, unknown> = {
    '@id': link(page.page),
    '@type': 'hydra:PartialCollectionView',
    'hydra:first': link(1),
    'hydra:last': link(last),
  };
  if (page.page > 1) view['hydra:previous'] = link(page.page - 1);
  if (page.page < last) view['hydra:next'] = link(page.page + 1);
  return {
    '@context': `/api/3/contexts/${context}`,
    '@id': path,
    '@type': 'hydra:Collection',
    'hydra:member': members,
    'hydra:totalItems': totalItems,
    'hydra:view': view,
  };
}
