import type { Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logging.js';
import type { RetryOptions } from '../core/retry.js';
import type { TlsOptions } from '../core/tls.js';
import type { CoalesceOptions } from './scheduler.js';
import type { ParamsValidator } from './validate.js';

/** FortiManager Cloud: an IAM API user of the FortiCloud account that hosts the instance. */
export interface FortiManagerCloudOptions {
  /** The IAM API user's id. */
  username: string;
  password: string;
  /** OAuth client id (default `'FortiManager'`). */
  clientId?: string;
  /** FortiCloud OAuth service (default `https://customerapiauth.fortinet.com`). */
  authUrl?: string;
  /** TLS of the OAuth service (default: the client's `tls` when it is the same origin, else system defaults). */
  tls?: TlsOptions;
}

export interface FortiManagerOptions {
  /** Base URL, e.g. `https://fmg.example.com` (JSON-RPC goes to `<url>/jsonrpc`). */
  url: string;
  /** Session login (`exec sys/login/user`); logged out on close. */
  username?: string;
  password?: string;
  /** API key (FortiManager >= 7.2.2), sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** API user name for the `access_user` header (FortiManager >= 7.6.7). */
  accessUser?: string;
  /** FortiManager Cloud login through FortiCloud OAuth. */
  cloud?: FortiManagerCloudOptions;
  /** Fills `{adom}` in URL templates when `params.adom` is not given. */
  adom?: string;
  tls?: TlsOptions;
  /** Per request (default 60 s). */
  timeoutMs?: number;
  /** Connection setup (default 10 s). */
  connectTimeoutMs?: number;
  /** Retries of safe-to-repeat failures (default 2 retries); `false` turns them off. */
  retry?: RetryOptions | false;
  logger?: Logger;
  /** Symbolic values (`"type": "ipmask"`) instead of numbers (default true). */
  verbose?: boolean;
  /** Coalesce concurrent calls into multiplexed requests (default off). */
  batch?: CoalesceOptions | false;
  /**
   * Check calls before sending (default off). `true`: every write's `data` is checked against the
   * catalog facts (unknown attributes, enum values, types, required keys; a `ValidationError`, nothing
   * sent), and attributes outside the connected FortiManager's version (read once from `/sys/status`)
   * are logged as warnings. The facts are loaded lazily on the first checked call. Or pass your own
   * validator function.
   */
  validate?: boolean | ParamsValidator;
  /** Time source for retries, task polling and lock retries (default: the wall clock). */
  clock?: Clock;
  /** Connections to FortiManager (default 8). */
  connections?: number;
  /** Largest reply accepted (default 64 MiB). */
  maxBodyBytes?: number;
  /** An undici dispatcher to send through (tests, proxies); tls/connections are then ignored. */
  dispatcher?: Dispatcher;
}
