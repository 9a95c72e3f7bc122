/**
 * The `get` options that add columns or change what a table answers (recorded replies):
 * - `option`: `count` (a number), `chksum` (a number that changes with the table), `extra info`
 *   (creation/modification columns; for devices and VDOMs their ADOM), `get used` (`obj flags: 1` on
 *   objects something references; `object used` becomes filterable), `scope member` (the devices an
 *   object is assigned to), `assignment info` (what is assigned to a device), `get meta` (the device's
 *   `meta fields`), `find duplicates`, `no loadsub`;
 * - `object template: 1`: a new object's default values instead of the rows;
 * - `meta fields: [names]`: which meta fields `get meta` answers;
 * - `expand member: [{url, fields}]`: the devices and groups of each ADOM or group row;
 * - `expand datasrc: [{name, datasrc: [{obj type, fields}]}]`: members answered as the objects they name;
 * - `scope member: [{name, vdom}]` on objects assigned to devices: the rows of these devices only.
 */
export interface GetOptions {
  readonly options: ReadonlySet<string>;
  readonly objectTemplate: boolean;
  readonly metaFields: readonly string[] | undefined;
  readonly expandMember: ReadonlyArray<{
    readonly url: string;
    readonly fields: readonly string[] | undefined;
  }>;
  readonly expandDatasrc: ReadonlyArray<{ readonly attr: string; readonly sources: readonly DataSource[] }>;
}

export interface DataSource {
  /** `firewall address`: the table the names are looked up in (under the same ADOM). */
  readonly objType: string;
  readonly fields: readonly string[] | undefined;
}

type Param = Readonly<Record<string, unknown>>;

export function parseGetOptions(param: Param): GetOptions {
  return {
    options: new Set(optionList(param.option)),
    objectTemplate: Number(param['object template']) === 1,
    metaFields: Array.isArray(param['meta fields']) ? param['meta fields'].map(String) : undefined,
    expandMember: objects(param['expand member']).map((entry) => ({
      url: String(entry.url ?? ''),
      fields: stringList(entry.fields),
    })),
    expandDatasrc: objects(param['expand datasrc']).map((entry) => ({
      attr: String(entry.name ?? ''),
      sources: objects(entry.datasrc).map((source) => ({
        objType: String(source['obj type'] ?? ''),
        fields: stringList(source.fields),
      })),
    })),
  };
}

export function optionList(option: unknown): string[] {
  if (typeof option === 'string') return [option];
  return Array.isArray(option) ? option.filter((o): o is string => typeof o === 'string') : [];
}

function objects(value: unknown): Param[] {
  return (Array.isArray(value) ? value : []).filter(
    (item): item is Param => typeof item === 'object' && item !== null,
  );
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}
