/** `/api/3/picklist_names` and `/api/3/picklists`: the lists and their items, read-only. */
import type { SoarRouter } from '../http/call.js';
import { hydraError } from '../http/replies.js';
import { collection, pageOf, slice } from './hydra.js';
import { type PicklistItem, type Picklists, picklistNameView, picklistView } from './picklists.js';
import { ld } from './routes.js';

export function registerPicklistRoutes(router: SoarRouter, picklists: Picklists): void {
  const items = () => picklists.names.flatMap((list) => list.items);
  router
    .add('GET', '/api/3/picklist_names', ({ req }) => {
      const page = pageOf(req.query);
      const names = picklists.names.filter((list) => (req.query.get('name') ?? list.name) === list.name);
      const members = slice(names, page).map(picklistNameView);
      return ld(
        200,
        collection('/api/3/picklist_names', 'PicklistName', members, names.length, page, req.query),
      );
    })
    .add('GET', '/api/3/picklist_names/{uuid}', ({ params }) => {
      const list = picklists.listByUuid(params.uuid!);
      if (!list) throw hydraError(404, 'Not Found');
      return ld(200, { '@context': '/api/3/contexts/PicklistName', ...picklistNameView(list) });
    })
    .add('GET', '/api/3/picklists', ({ req }) => {
      const page = pageOf(req.query);
      const byName = req.query.get('listName.name');
      const byIri = req.query.get('listName');
      const matching = items().filter(
        (item: PicklistItem) =>
          (byName === null || item.list.name === byName) && (byIri === null || item.list.iri === byIri),
      );
      const members = slice(matching, page).map(picklistView);
      return ld(200, collection('/api/3/picklists', 'Picklist', members, matching.length, page, req.query));
    })
    .add('GET', '/api/3/picklists/{uuid}', ({ params }) => {
      const item = picklists.item(`/api/3/picklists/${params.uuid}`);
      if (!item) throw hydraError(404, 'Not Found');
      return ld(200, { '@context': '/api/3/contexts/Picklist', ...picklistView(item) });
    });
}
