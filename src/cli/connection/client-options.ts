import { readFileSync } from 'node:fs';
import type { Logger } from '../../core/logging.js';
import type { TlsOptions } from '../../core/tls.js';
import { debugOptions } from '../debug.js';
import { UsageError } from '../usage.js';
import type { Connection } from './resolve.js';

/** The options every client takes, from a run's settings: url, TLS and timeout; `--debug` logging. */
export interface CommonOptions {
  url: string | undefined;
  tls: TlsOptions | undefined;
  timeoutMs: number | undefined;
  logger?: Logger;
  logBodies?: boolean;
}

export function commonOptions(connection: Connection, urlRequired = true): CommonOptions {
  const { values, product } = connection;
  const url = typeof values.url === 'string' ? withScheme(values.url) : undefined;
  if (url === undefined && urlRequired) {
    throw new UsageError(
      `no ${product.title} URL: give --url, set FORTIX_${product.group.toUpperCase()}_URL, or create a profile (fortix config init)`,
    );
  }
  const tls: TlsOptions = {};
  if (typeof values['ca-file'] === 'string') tls.ca = readCa(values['ca-file']);
  if (typeof values.fingerprint === 'string') tls.fingerprint = values.fingerprint;
  if (values.insecure === true) tls.verify = false;
  return {
    url,
    tls: Object.keys(tls).length > 0 ? tls : undefined,
    timeoutMs: typeof values.timeout === 'number' ? values.timeout : undefined,
    ...debugOptions(),
  };
}

/** A bare host (Terraform's `FORTIMANAGER_ACCESS_HOSTNAME=192.0.2.10`) means HTTPS. */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the CA file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

/** A string setting, or undefined. */
export function text(connection: Connection, key: string): string | undefined {
  const value = connection.values[key];
  return typeof value === 'string' ? value : undefined;
}
