import { memoize } from '../../memo.js';
import type { ResolvedUrl, SchemaRegistry } from '../schema.js';
import { FmgCode, fail } from '../status.js';
import { joinPath, splitUrl } from '../url.js';
import { Layer } from './layer.js';

/** Which layer a caller reads and writes a container through (committed data or its lock's copies). */
export type LayerFor = (containerKey: string) => Layer;

/** The committed database: containers, the schema registry and object ids. */
export class Database {
  readonly registry: SchemaRegistry;
  readonly root = new Layer();
  readonly #random: () => number;
  #oid = 1000;
  #unionPatterns = new Map<string, RegExp>();
  // Unknown URLs are remembered as undefined and fail below, like known ones, without a new lookup.
  readonly #resolve = memoize((url: string): ResolvedUrl | undefined => {
    try {
      return this.registry.resolve(splitUrl(url));
    } catch {
      return undefined;
    }
  });

  constructor(registry: SchemaRegistry, random: () => number) {
    this.registry = registry;
    this.#random = random;
  }

  nextOid(): number {
    return ++this.#oid;
  }

  /** A random (seeded) RFC 4122-looking uuid. */
  uuid(): string {
    // Four 32-bit draws written with a byte table (`toString(16)` is slow): this runs for every
    // object created.
    const a = this.#word();
    const b = this.#word();
    const c = this.#word();
    const d = this.#word();
    return `${hex8(a)}-${hex4(b >>> 16)}-51ee-${hex4(b)}-${hex8(c)}${hex4(d >>> 16)}`;
  }

  #word(): number {
    return Math.floor(this.#random() * 0x1_0000_0000);
  }

  /** Resolves a url string against the schemas (throws -6 when unknown). */
  resolve(url: string): ResolvedUrl {
    return this.#resolve(url) ?? fail(FmgCode.invalidUrl);
  }

  /**
   * Keys of the stored containers that make up a union table (e.g. every ADOM's device table), among
   * those matching `params` (e.g. one ADOM's templates of every type).
   */
  unionMembers(
    template: string,
    params: Readonly<Record<string, string>> = {},
    layer: Layer = this.root,
  ): string[] {
    const filled = template.replace(/\{([^}]+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : joinPath([params[name]]).slice(1),
    );
    let pattern = this.#unionPatterns.get(filled);
    if (!pattern) {
      const source = filled
        .split('/')
        .map((segment) =>
          segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      pattern = new RegExp(`^${source}$`);
      this.#unionPatterns.set(filled, pattern);
    }
    return layer.keys().filter((key) => pattern.test(key));
  }

  /** Like `resolve`, for union tables also finds which member table holds the addressed row. */
  concretize(resolved: ResolvedUrl, layerFor: LayerFor): ResolvedUrl {
    const { entry } = resolved;
    const first = resolved.steps[0];
    if (!entry.union || first?.kind !== 'row') return resolved;
    const member = this.unionMembers(entry.union, resolved.params).find((key) => {
      const container = layerFor(key).get(key);
      return container?.kind === 'table' && container.table.has(first.key);
    });
    if (!member) return fail(FmgCode.notFound);
    const memberEntry = this.registry.entryFor(entry.union) ?? entry;
    return { ...resolved, entry: memberEntry, containerKey: member };
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The low 16 bits of `n` as 4 hex digits. */
function hex4(n: number): string {
  return HEX_BYTES[(n >>> 8) & 255]! + HEX_BYTES[n & 255]!;
}

function hex8(n: number): string {
  return hex4(n >>> 16) + hex4(n);
}
