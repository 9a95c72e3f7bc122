import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ValidationError } from '../../../src/core/errors.js';
import { FortiSoar } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

describe('FortiSOAR client authentication', () => {
  let h: SoarHarness;
  afterEach(() => h.close());

  it.each(['jwt', 'apikey', 'hmac'] as const)('reads and writes with %s credentials', async (mode) => {
    h = await startSoar();
    const soar = h.client(mode);
    const created = await soar.alerts.create({ name: `by ${mode}` });
    expect((await soar.alerts.get(created.uuid)).name).toBe(`by ${mode}`);
  });

  it('logs in once for many concurrent calls, logs in again once after the token expired, and logs out on close', async () => {
    h = await startSoar();
    const soar = h.client('jwt');
    await Promise.all(Array.from({ length: 20 }, () => soar.alerts.list({ pageSize: 1 })));
    expect(h.sim.fortisoar.stats().logins).toBe(1);
    h.sim.fortisoar.expireTokens();
    await Promise.all(Array.from({ length: 20 }, () => soar.alerts.list({ pageSize: 1 })));
    expect(h.sim.fortisoar.stats().logins).toBe(2);
    const logouts = h.sim.fortisoar.stats().logouts;
    await soar.close();
    expect(h.sim.fortisoar.stats().logouts).toBe(logouts + 1);
    await soar.close();
    expect(h.sim.fortisoar.stats().logouts).toBe(logouts + 1);
  });

  it('re-logs in when the 30-minute token runs out on the simulator clock', async () => {
    h = await startSoar();
    const soar = h.client('jwt');
    await soar.alerts.list({ pageSize: 1 });
    h.clock.advance(31 * 60_000);
    await soar.alerts.list({ pageSize: 1 });
    expect(h.sim.fortisoar.stats().logins).toBe(2);
  });

  it('refuses wrong passwords, keys and key pairs with an AuthError, without retrying forever', async () => {
    h = await startSoar();
    const url = h.sim.fortisoar.url;
    const wrong = [
      new FortiSoar({ url, clock: h.clock, username: 'csadmin', password: 'nope' }),
      new FortiSoar({ url, clock: h.clock, apiKey: 'not-a-key' }),
      new FortiSoar({
        url,
        clock: h.clock,
        publicKey: h.sim.fortisoar.keyPair.publicKey,
        privateKey: 'wrong-private-key',
      }),
    ];
    for (const soar of wrong) {
      await expect(soar.alerts.list()).rejects.toBeInstanceOf(AuthError);
      await soar.close();
    }
    expect(h.sim.fortisoar.stats().failedLogins).toBe(1);
  });

  it('re-signs once, on the server clock, when an HMAC signature is refused as expired', async () => {
    h = await startSoar();
    const skewed = { now: () => h.clock.now() - 20 * 60_000, sleep: h.clock.sleep.bind(h.clock) };
    const soar = h.client('hmac', { clock: skewed });
    const refused = h.sim.fortisoar.stats().refused;
    expect((await soar.alerts.list({ pageSize: 2 })).items).toHaveLength(2);
    expect(h.sim.fortisoar.stats().refused).toBe(refused + 1);
    // Now on the server's clock: no more refusals.
    await soar.alerts.list({ pageSize: 2 });
    expect(h.sim.fortisoar.stats().refused).toBe(refused + 1);
  });

  it('fails a streamed upload typed when its token expired, instead of sending the stream twice', async () => {
    h = await startSoar();
    const soar = h.client('jwt');
    await soar.alerts.list({ pageSize: 1 });
    h.sim.fortisoar.expireTokens();
    async function* stream() {
      yield Buffer.from('line 1\n');
      yield Buffer.from('line 2\n');
    }
    await expect(soar.files.upload(stream(), { filename: 'log.txt' })).rejects.toBeInstanceOf(AuthError);
    // The same upload from bytes is replayed after a new login.
    const file = await soar.files.upload(Buffer.from('line 1\n'), { filename: 'log.txt' });
    expect(file.filename).toBe('log.txt');
  });

  it('wants exactly one kind of credentials, checked before anything is sent', () => {
    const url = 'http://127.0.0.1:1';
    expect(() => new FortiSoar({ url })).toThrow(ValidationError);
    expect(() => new FortiSoar({ url, apiKey: 'k', username: 'u', password: 'p' })).toThrow(/one kind/);
    expect(() => new FortiSoar({ url, username: 'u' })).toThrow(/password/);
    expect(() => new FortiSoar({ url, publicKey: 'p' })).toThrow(/privateKey/);
  });

  it('keeps the password, API key and private key out of errors and log lines', async () => {
    h = await startSoar();
    const lines: string[] = [];
    const logger = {
      debug: (m: string, d?: unknown) => lines.push(m + JSON.stringify(d ?? {})),
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    const { password, apiKey, privateKey } = h.sim.fortisoar.credentials;
    const soar = h.client('jwt', { logger });
    await soar.alerts.list({ pageSize: 1 });
    const failure = await soar.alerts.get('00000000-0000-4000-8000-000000000000').catch((e: Error) => e);
    const text = `${lines.join('\n')} ${String(failure)}`;
    for (const secret of [password, apiKey, privateKey]) expect(text).not.toContain(secret);
  });
});
