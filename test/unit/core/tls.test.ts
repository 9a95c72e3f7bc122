import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError, ValidationError } from '../../../src/core/errors.js';
import { normalizeFingerprint, type TlsOptions } from '../../../src/core/tls.js';
import { HttpTransport } from '../../../src/core/transport.js';
import { json, type Loopback, startLoopback } from './loopback.js';

interface Site {
  server: Loopback;
  cert: string;
  fingerprint: string;
}

/** A real HTTPS server on loopback with a fresh self-signed certificate for the given names. */
async function site(altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }>): Promise<Site> {
  const pems = await generate([{ name: 'commonName', value: 'fortimanager' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  const server = await startLoopback(
    (req, res) => json(res, 200, { secure: true }, req.url === '/close' ? { connection: 'close' } : {}),
    createServer({ key: pems.private, cert: pems.cert }),
  );
  return { server, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

let ip: Site;
let named: Site;

beforeAll(async () => {
  [ip, named] = await Promise.all([
    site([
      { type: 2, value: 'localhost' },
      { type: 7, ip: '127.0.0.1' },
    ]),
    site([{ type: 2, value: 'fmg.example.test' }]),
  ]);
});

afterAll(async () => {
  await Promise.all([ip?.server.close(), named?.server.close()]);
});

async function call(target: Site, tls?: TlsOptions): Promise<unknown> {
  const http = new HttpTransport({ baseUrl: target.server.url, tls });
  try {
    return (await http.requestJson({ method: 'GET', path: '/sys/status' })).data;
  } catch (error) {
    return error;
  } finally {
    await http.close();
  }
}

function flip(fingerprint: string): string {
  return (fingerprint[0] === 'A' ? 'B' : 'A') + fingerprint.slice(1);
}

describe('TLS per client', () => {
  it('rejects a self-signed certificate by default, before sending', async () => {
    const before = ip.server.requests.length;
    const error = await call(ip);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'tls', requestSent: false });
    expect((error as Error).message).toContain('tls.fingerprint');
    expect(ip.server.requests.length).toBe(before);
  });

  it('accepts the certificate when its CA is given', async () => {
    await expect(call(ip, { ca: ip.cert })).resolves.toEqual({ secure: true });
  });

  it('checks the host name against servername when the URL host differs', async () => {
    expect(await call(named, { ca: named.cert })).toMatchObject({ kind: 'tls' });
    await expect(call(named, { ca: named.cert, servername: 'fmg.example.test' })).resolves.toEqual({
      secure: true,
    });
  });

  it('accepts a matching SHA-256 pin whatever the chain and host name', async () => {
    const pin = named.fingerprint.replaceAll(':', '').toLowerCase();
    await expect(call(named, { fingerprint: pin })).resolves.toEqual({ secure: true });
  });

  it('checks the pin on every new connection (no session resumption that would skip it)', async () => {
    const http = new HttpTransport({ baseUrl: ip.server.url, tls: { fingerprint: ip.fingerprint } });
    try {
      for (let i = 0; i < 3; i++) {
        await expect(http.requestJson({ method: 'GET', path: '/close' })).resolves.toMatchObject({
          status: 200,
        });
      }
    } finally {
      await http.close();
    }
  });

  it('rejects a wrong pin, even for a certificate the CA would accept', async () => {
    const before = ip.server.requests.length;
    const error = await call(ip, { ca: ip.cert, fingerprint: flip(ip.fingerprint) });
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'tls', requestSent: false });
    expect((error as Error).message).toContain('does not match the pinned fingerprint');
    expect(ip.server.requests.length).toBe(before);
  });

  it('skips verification only when asked, for that client alone', async () => {
    await expect(call(ip, { verify: false })).resolves.toEqual({ secure: true });
    expect(await call(ip)).toMatchObject({ kind: 'tls' });
  });
});

describe('normalizeFingerprint', () => {
  it('accepts hex with or without colons in any case', () => {
    const canonical = Array.from({ length: 32 }, (_, i) =>
      (i * 7).toString(16).padStart(2, '0').toUpperCase(),
    ).join(':');
    expect(normalizeFingerprint(canonical.toLowerCase())).toBe(canonical);
    expect(normalizeFingerprint(canonical.replaceAll(':', ''))).toBe(canonical);
  });

  it('refuses anything that is not 32 bytes of hex', () => {
    expect(() => normalizeFingerprint('AB:CD')).toThrow(ValidationError);
    expect(() => normalizeFingerprint('Z'.repeat(64))).toThrow(ValidationError);
  });
});
