/**
 * Picklist names to IRIs. Since FortiSOAR 7.5 a picklist field is written as the IRI of its item
 * (`/api/3/picklists/<uuid>`), not its name; this resolves names, once per client.
 *
 * @example
 * await soar.alerts.create({ name: 'x', severity: await soar.picklists.iri('Severity', 'High') });
 */
import { ValidationError } from '../core/errors.js';
import { abortable } from '../core/timeouts.js';
import type { CallOptions, SoarCaller } from './caller.js';
import { ENDPOINTS } from './endpoints.js';
import { FortiSoarNotFoundError } from './errors.js';
import { hydraPage, itemsOf, pagesOf } from './hydra.js';
import type { Iri, PicklistItem } from './types.js';

export class Picklists {
  /** List name -> its items, fetched once (a failed fetch is forgotten, so it can be tried again). */
  readonly #lists = new Map<string, Promise<PicklistItem[]>>();

  constructor(private readonly caller: SoarCaller) {}

  /** The items of a list, e.g. `items('Severity')`. */
  async items(list: string, options: CallOptions = {}): Promise<PicklistItem[]> {
    if (typeof list !== 'string' || list === '')
      throw new ValidationError('list must be a picklist name such as Severity', 'list');
    let known = this.#lists.get(list);
    if (!known) {
      // Shared by every caller: not tied to one caller's signal (each can still stop waiting).
      known = this.#fetch(list);
      this.#lists.set(list, known);
      known.catch(() => this.#lists.delete(list));
    }
    return abortable(known, options.signal);
  }

  /** The IRI of `value` in `list` (case-insensitive); a FortiSoarNotFoundError when there is none. */
  async iri(list: string, value: string, options: CallOptions = {}): Promise<Iri> {
    const items = await this.items(list, options);
    const wanted = value.toLowerCase();
    const item = items.find((i) => i.itemValue.toLowerCase() === wanted);
    if (!item) {
      throw new FortiSoarNotFoundError(
        `Picklist ${list} has no item '${value}'; it has ${items.map((i) => `'${i.itemValue}'`).join(', ') || 'none'}`,
        {
          product: 'fortisoar',
          apiCode: 'picklist',
          url: `/api/3/picklists?listName.name=${list}`,
          status: 404,
        },
      );
    }
    return item['@id'];
  }

  /** Maps `{ severity: ['Severity', 'High'] }` to `{ severity: '/api/3/picklists/…' }`. */
  async resolve<K extends string>(
    fields: Readonly<Record<K, readonly [list: string, value: string]>>,
    options: CallOptions = {},
  ) {
    const entries = await Promise.all(
      Object.entries<readonly [string, string]>(fields).map(
        async ([field, [list, value]]) => [field, await this.iri(list, value, options)] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<K, Iri>;
  }

  /** Forgets what was fetched (after lists changed on the server). */
  clear(): void {
    this.#lists.clear();
  }

  async #fetch(list: string): Promise<PicklistItem[]> {
    const items: PicklistItem[] = [];
    const pages = pagesOf((page) =>
      this.caller
        .call(ENDPOINTS.picklists, {
          query: { 'listName.name': list, $limit: 200, $page: page },
        })
        .then((data) => hydraPage<PicklistItem>(data, page, 200, 'picklists')),
    );
    for await (const item of itemsOf(pages)) items.push(item);
    return items.sort((a, b) => a.orderIndex - b.orderIndex);
  }
}
