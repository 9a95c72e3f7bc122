/**
 * Local external resources (`/pm/config/global/_external/resource[/{file}]`): text files FortiManager
 * serves to FortiGates as threat feeds. `set` writes a file's `content`, `delete` removes it; the list
 * answers each file's `name`, `modified` and `size`, one file adds its `content`.
 */
import type { ExternalResource } from '../records.js';
import { FmgCode, fail } from '../status.js';
import { type Call, dataObject, requireWrite } from './call.js';
import type { RouteParams } from './routes.js';

export function externalResources(call: Call, params: RouteParams): unknown {
  const { resources } = call.state;
  const [name, ...more] = params.rest;
  if (more.length > 0) return fail(FmgCode.invalidUrl);
  const view = (file: string, resource: ExternalResource) => ({
    modified: resource.modified,
    name: file,
    size: Buffer.byteLength(resource.content),
  });
  switch (call.method) {
    case 'get': {
      if (name === undefined) return [...resources].map(([file, resource]) => view(file, resource));
      const resource = resources.get(name);
      return resource ? { content: resource.content, ...view(name, resource) } : fail(FmgCode.notFound);
    }
    case 'set':
    case 'update': {
      requireWrite(call);
      const content = dataObject(call.param).content;
      if (name === undefined || typeof content !== 'string')
        return fail(FmgCode.invalidData, "attribute 'content' expects the file's text");
      resources.set(name, { content, modified: Math.floor(call.state.ctx.clock.now() / 1000) });
      return undefined;
    }
    case 'delete':
      requireWrite(call);
      if (name === undefined || !resources.delete(name)) return fail(FmgCode.notFound);
      return undefined;
    default:
      return fail(FmgCode.invalidMethod);
  }
}
