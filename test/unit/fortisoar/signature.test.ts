import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizationHeader, fingerprint, signatureTimestamp } from '../../../src/fortisoar/index.js';

const keys = { publicKey: 'PUBKEY123', privateKey: 'PRIVATEKEY456' };
const time = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

/** The documented recipe, step by step, written independently of the client's code. */
function byHand(method: string, fullUri: string, body: string) {
  const timestamp = '2026-01-02 03:04:05';
  const payload = method === 'GET' ? keys.publicKey : body;
  const hashed = createHash('sha256').update(payload, 'utf8').digest('hex');
  const identifier = ['sha256', method, timestamp, fullUri, hashed].join('.');
  const signature = createHmac('sha256', Buffer.from(keys.privateKey, 'utf8'))
    .update(identifier, 'utf8')
    .digest('hex');
  const header = `CS ${Buffer.from(['sha256', timestamp, keys.publicKey, signature].join(';'), 'utf8').toString('base64')}`;
  return { identifier, header };
}

describe('FortiSOAR HMAC signature', () => {
  it('formats the timestamp as YYYY-MM-DD HH:MM:SS in UTC, without milliseconds', () => {
    expect(signatureTimestamp(time)).toBe('2026-01-02 03:04:05');
    expect(signatureTimestamp(Date.UTC(1999, 11, 31, 23, 59, 59))).toBe('1999-12-31 23:59:59');
  });

  it('signs a GET over the public key and the full URI with its percent-encoded query', () => {
    const fullUri = 'https://soar.example.com/api/3/alerts?%24limit=30';
    const expected = byHand('GET', fullUri, '');
    const input = { method: 'GET', fullUri, body: 'ignored for a GET', time, ...keys };
    expect(fingerprint(input)).toBe(expected.identifier);
    expect(authorizationHeader(input)).toBe(expected.header);
  });

  it('signs a POST over the body as sent', () => {
    const fullUri = 'https://soar.example.com/api/3/alerts';
    const body = '{"name":"x"}';
    const expected = byHand('POST', fullUri, body);
    expect(authorizationHeader({ method: 'POST', fullUri, body, time, ...keys })).toBe(expected.header);
    // Bytes give the same signature as the text they encode.
    expect(authorizationHeader({ method: 'POST', fullUri, body: Buffer.from(body), time, ...keys })).toBe(
      expected.header,
    );
    // A DELETE without a body signs the hash of the empty string.
    expect(fingerprint({ method: 'DELETE', fullUri, body: undefined, time, ...keys })).toBe(
      byHand('DELETE', fullUri, '').identifier,
    );
  });

  it('matches pinned vectors (computed with Python hashlib/hmac)', () => {
    expect(
      authorizationHeader({
        method: 'GET',
        fullUri: 'https://soar.example.com/api/3/alerts?%24limit=30',
        body: undefined,
        time,
        ...keys,
      }),
    ).toBe(
      'CS c2hhMjU2OzIwMjYtMDEtMDIgMDM6MDQ6MDU7UFVCS0VZMTIzOzZkN2JkMTA1OTkyNTZlMjBhYjU0NzQwYzUyM2Y4MTQ5ZTM0Yjk2Zjg0ODhkZDY5YzNjYmZmM2RmY2ExMTg5N2U=',
    );
    expect(
      authorizationHeader({
        method: 'POST',
        fullUri: 'https://soar.example.com/api/3/alerts',
        body: '{"name":"x"}',
        time,
        ...keys,
      }),
    ).toBe(
      'CS c2hhMjU2OzIwMjYtMDEtMDIgMDM6MDQ6MDU7UFVCS0VZMTIzO2MyODI2Y2EwYmI0Y2U5ZTM4ZmFjMmUzZTI4OTEwMjU4NWI0ZGJlNDMyOTM3NmFhMTdiODlkZDU5MjEzZDliMDg=',
    );
  });

  it('changes with every signed part: verb, time, URI, query encoding, body and key', () => {
    const base = {
      method: 'POST',
      fullUri: 'https://soar.example.com/api/3/alerts?%24limit=1',
      body: '{}',
      time,
      ...keys,
    };
    const reference = authorizationHeader(base);
    for (const changed of [
      { ...base, method: 'PUT' },
      { ...base, time: time + 1_000 },
      { ...base, fullUri: 'https://soar.example.com/api/3/alerts/?%24limit=1' },
      { ...base, fullUri: 'https://soar.example.com/api/3/alerts?$limit=1' },
      { ...base, body: '{ }' },
      { ...base, privateKey: 'other' },
    ])
      expect(authorizationHeader(changed)).not.toBe(reference);
  });
});
