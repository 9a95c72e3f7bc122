/**
 * Rendered rows as JSON bytes, remembered per stored row and per rendering (the schema node and the
 * options that shape a row: verbose, loadsub, fields, oid, secrets as text), so that reading a table
 * again costs a copy of bytes.
 *
 * Remembered bytes are found by the row object itself. Stored rows are never changed in place: every
 * write (add, set, update, replace, clone, unset, a member or sub-table edit) stores a new row object,
 * delete and move only drop or reorder rows, and a workspace lock's copies share the rows they have not
 * written. So a row written since has no bytes yet, and the bytes of the row it replaced go with it;
 * an unlock without commit brings back rows whose bytes are still right.
 */
import type { NodeSchema } from '../schema.js';
import type { Row } from '../store/table.js';
import { type RenderOptions, renderRow } from './render.js';

/** Distinct renderings remembered per schema node; beyond, the oldest is forgotten. */
const RENDERINGS_PER_NODE = 8;

const byNode = new WeakMap<NodeSchema, Map<string, WeakMap<Row, Buffer>>>();

/**
 * A function answering a row as the UTF-8 bytes of `JSON.stringify(renderRow(row, node, options))`,
 * or undefined when the options shape rows by more than the row (`scope member` narrowing mappings,
 * `sub fetch`): those are rendered each time.
 */
export function renderedJson(node: NodeSchema, options: RenderOptions): ((row: Row) => Buffer) | undefined {
  const key = renderingKey(options);
  if (key === undefined) return undefined;
  let renderings = byNode.get(node);
  if (!renderings) {
    renderings = new Map();
    byNode.set(node, renderings);
  }
  let remembered = renderings.get(key);
  if (!remembered) {
    if (renderings.size >= RENDERINGS_PER_NODE) renderings.delete(renderings.keys().next().value!);
    remembered = new WeakMap();
    renderings.set(key, remembered);
  }
  const known = remembered;
  return (row) => {
    let bytes = known.get(row);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(renderRow(row, node, options)));
      known.set(row, bytes);
    }
    return bytes;
  };
}

function renderingKey(options: RenderOptions): string | undefined {
  if (options.subFetch.size > 0 || options.scope !== undefined || options.devices !== undefined)
    return undefined;
  const flags = `${+options.verbose}${+options.loadsub}${+options.oid}${+(options.secretsAsText === true)}`;
  // Fields in the order asked: the answer lists them in that order.
  return options.fields ? `${flags}:${[...options.fields].join('\u0000')}` : flags;
}
