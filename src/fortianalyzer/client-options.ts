import type { ClientOptions } from '../core/client-options.js';
import type { FortiManagerCloudOptions } from '../fortimanager/client-options.js';

/** FortiAnalyzer Cloud: an IAM API user of the FortiCloud account (OAuth client id `FortiAnalyzer` by default). */
export type FortiAnalyzerCloudOptions = FortiManagerCloudOptions;

/**
 * Options of a FortiAnalyzer client: the common ones of every fortix client (`tls`, `timeoutMs`,
 * `retry`, `logger`, `clock`, `connections`, ...) and FortiAnalyzer's own. Exactly one of
 * username + password, `apiKey` or `cloud`.
 */
export interface FortiAnalyzerOptions extends ClientOptions {
  /** Where FortiAnalyzer is, e.g. `https://faz.example.com` (JSON-RPC goes to `<url>/jsonrpc`). */
  url: string;
  /** Session login (`exec sys/login/user`); logged out on close. */
  username?: string | undefined;
  password?: string | undefined;
  /** API key (FortiAnalyzer 7.4.7 / 7.6.2 and later), sent as `Authorization: Bearer`, never with a session. */
  apiKey?: string | undefined;
  /** API user name for the `access_user` header. */
  accessUser?: string | undefined;
  /** FortiAnalyzer Cloud login through FortiCloud OAuth. */
  cloud?: FortiAnalyzerCloudOptions | undefined;
  /** The ADOM of calls that name none (default `root`). */
  adom?: string | undefined;
  /**
   * The zone of time ranges that name none (default `UTC`). Every time range is sent with an
   * explicit zone, so FortiAnalyzer's own zone (ADOM or system) never decides what a time means.
   */
  timeZone?: string | undefined;
}
