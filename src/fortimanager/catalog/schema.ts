/**
 * Shape of `specs/fortimanager/objects.json`, the facts the catalog is generated from and the
 * runtime checks read. See `specs/fortimanager/README.md` for what each field means.
 */

/** `[from, to]`; `to === ''` means "still present in the newest version". */
export type VersionRange = readonly [from: string, to: string];

export type FmgObjectKind = 'table' | 'object' | 'exec' | 'member' | 'get';

export type FmgAttributeType = 'str' | 'int' | 'raw' | 'list' | 'dict';

export interface FmgAttributeFacts {
  readonly type: FmgAttributeType;
  /** Item type of a `list`. */
  readonly elements?: 'str' | 'int' | 'dict';
  /** Allowed values (for a list: allowed items). */
  readonly choices?: readonly string[];
  readonly required?: boolean;
  readonly sensitive?: boolean;
  /** Only present when narrower than the range inherited from the parent. */
  readonly vRange?: readonly VersionRange[];
  /** Nested attributes of a `dict` or of a list of `dict`. */
  readonly sub?: Readonly<Record<string, FmgAttributeFacts>>;
}

export interface FmgObjectFacts {
  readonly name: string;
  readonly kind: FmgObjectKind;
  readonly task: string;
  readonly urls: readonly string[];
  readonly itemUrls?: readonly string[];
  readonly urlParams: readonly string[];
  readonly itemParam?: string;
  readonly mkey: string | null;
  readonly mkeyExpr?: string;
  readonly vRange: readonly VersionRange[] | null;
  readonly factVRange?: readonly VersionRange[];
  readonly extraOps?: readonly ('clone' | 'move' | 'rename')[];
  readonly bodyKey?: 'data' | 'workflow';
  readonly attributesFrom?: string;
  readonly attributes: Readonly<Record<string, FmgAttributeFacts>>;
}

export interface FmgFactsFile {
  readonly source: string;
  readonly fmgVersions: readonly string[];
  readonly requestShapes: Readonly<Record<string, unknown>>;
  readonly objects: readonly FmgObjectFacts[];
}
