import type { ClientOptions } from '../core/client-options.js';
import type { TlsOptions } from '../core/tls.js';
import type { CoalesceOptions } from './scheduler.js';
import type { ParamsValidator } from './validate.js';

/** FortiManager Cloud: an IAM API user of the FortiCloud account that hosts the instance. */
export interface FortiManagerCloudOptions {
  /** The IAM API user's id. */
  username: string;
  password: string;
  /** OAuth client id (default `'FortiManager'`). */
  clientId?: string | undefined;
  /** FortiCloud OAuth service (default `https://customerapiauth.fortinet.com`). */
  authUrl?: string | undefined;
  /** TLS of the OAuth service (default: the client's `tls` when it is the same origin, else system defaults). */
  tls?: TlsOptions | undefined;
}

/**
 * Options of a FortiManager client: the common ones of every fortix client (`tls`, `timeoutMs`,
 * `retry`, `logger`, `clock`, `connections`, ...) and FortiManager's own. `connections` also bounds
 * the requests on the wire at once: more calls queue in the client.
 */
export interface FortiManagerOptions extends ClientOptions {
  /** Where FortiManager is, e.g. `https://fmg.example.com` (JSON-RPC goes to `<url>/jsonrpc`). */
  url: string;
  /** Session login (`exec sys/login/user`); logged out on close. */
  username?: string | undefined;
  password?: string | undefined;
  /** API key (FortiManager >= 7.2.2), sent as `Authorization: Bearer`. */
  apiKey?: string | undefined;
  /** API user name for the `access_user` header (FortiManager >= 7.6.7). */
  accessUser?: string | undefined;
  /** FortiManager Cloud login through FortiCloud OAuth. */
  cloud?: FortiManagerCloudOptions | undefined;
  /** Fills `{adom}` in URL templates when `params.adom` is not given. */
  adom?: string | undefined;
  /** Symbolic values (`"type": "ipmask"`) instead of numbers (default true). */
  verbose?: boolean | undefined;
  /** Coalesce concurrent calls into multiplexed requests (default off; `true`: the default bounds). */
  batch?: CoalesceOptions | boolean | undefined;
  /**
   * Check calls before sending (default off). `true`: every write's `data` is checked against the
   * catalog facts (unknown attributes, enum values, types, required keys; a `ValidationError`, nothing
   * sent), and attributes outside the connected FortiManager's version (read once from `/sys/status`)
   * are logged as warnings. The facts are loaded lazily on the first checked call. Or pass your own
   * validator function.
   */
  validate?: boolean | ParamsValidator | undefined;
}
