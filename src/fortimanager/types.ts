/** The plain shapes of FortiManager's JSON-RPC that every module of the client shares (and the method list). */

/** One FortiManager object as it travels on the wire (the row type of URLs outside the catalog). */
export type FmgRecord = Record<string, unknown>;

/** A value for a `{placeholder}` of a URL template. */
export type ParamValue = string | number;

/** The JSON-RPC methods of FortiManager. */
export const RPC_METHODS = [
  'get',
  'add',
  'set',
  'update',
  'replace',
  'delete',
  'clone',
  'move',
  'exec',
  'unset',
] as const;

/** One of {@link RPC_METHODS}. */
export type RpcMethod = (typeof RPC_METHODS)[number];

/** Methods that write (everything but `get`). */
export type WriteMethod = Exclude<RpcMethod, 'get'>;

/** One entry of the JSON-RPC `params` list. */
export type WireParams = { url: string } & Record<string, unknown>;

/** The status FortiManager reports for each params entry. */
export interface RpcStatus {
  code: number;
  message: string;
}

/** One entry of the reply's `result` list, in the order of the request's `params`. */
export interface RpcResultItem {
  status: RpcStatus;
  url?: string;
  data?: unknown;
}

/** A JSON-RPC reply, its entries checked. */
export interface RpcReply {
  id: number;
  items: RpcResultItem[];
  /** The envelope's `session` (set by the login call). */
  session: unknown;
}

/** One call ready to send: its params entry, and how to read its entry of the reply. */
export interface PreparedCall {
  method: RpcMethod;
  /** The URL filled (the entry's `url`). */
  url: string;
  verbose: boolean;
  wire: WireParams;
  okCodes: readonly number[] | undefined;
}
