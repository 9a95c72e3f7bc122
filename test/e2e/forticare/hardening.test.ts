import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { RateLimitError, TransportError, ValidationError } from '../../../src/core/errors.js';
import { ENDPOINTS, FortiCare, FortiCloudAuth } from '../../../src/forticare/index.js';
import { type Harness, harness, rejection } from './harness.js';

const TOKEN_PATH = '/api/v1/oauth/token/';
const REVOKE_PATH = '/api/v1/oauth/revoke_token/';
const forticloud = 'forticloud' as const;

let h: Harness;
afterEach(() => h.close());

/** Runs `call`, returning what it threw, how long it took and how many requests reached the simulator. */
async function attempt(call: () => Promise<unknown>) {
  const requests = h.sim.requests;
  const started = Date.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started, requests: h.sim.requests - requests };
}

describe('FortiCare refuses bad arguments before anything is sent (no token either)', () => {
  const calls: Array<[string, (fc: FortiCare) => Promise<unknown>]> = [
    ['products.list()', (fc) => fc.products.list(undefined as never)],
    ['products.list(null)', (fc) => fc.products.list(null as never)],
    ['products.register()', (fc) => fc.products.register(undefined as never)],
    ['products.register([null])', (fc) => fc.products.register([null] as never)],
    ['registrationUnits: [null]', (fc) => fc.products.register({ registrationUnits: [null as never] })],
    [
      "locations: 'x'",
      (fc) =>
        fc.products.register({
          registrationUnits: [{ serialNumber: 'FGT60FTK00000001' }],
          locations: 'x' as never,
        }),
    ],
    [
      "location: 'x'",
      (fc) =>
        fc.products.register({
          registrationUnits: [{ serialNumber: 'FGT60FTK00000001', location: 'x' as never }],
        }),
    ],
    [
      'a signal that is no AbortSignal',
      (fc) => fc.products.list({ serialNumber: '%' }, { signal: {} as never }),
    ],
    ['a NaN timeout', (fc) => fc.folders.list({}, { timeoutMs: Number.NaN })],
    ['options that are no object', (fc) => fc.contracts.list({}, 'fast' as never)],
    ['products.details(null)', (fc) => fc.products.details(null as never)],
    [
      'licenses.download() with a bad signal',
      (fc) => fc.licenses.download('FGVM02TM21000303', { signal: 1 as never }),
    ],
    ['folders.create(null)', (fc) => fc.folders.create(null as never)],
    [
      'products.folder({serialNumbers: "x"})',
      (fc) => fc.products.folder({ folderId: 1, serialNumbers: 'x' as never }),
    ],
    ['raw(undefined)', (fc) => fc.raw(undefined as never, {})],
    ['raw(spec, null)', (fc) => fc.raw(ENDPOINTS.productsList, null as never)],
    [
      'iterate with a bad signal',
      async (fc) => {
        for await (const _ of fc.products.iterate({ serialNumber: '%' }, { signal: {} as never })) break;
      },
    ],
  ];
  for (const [what, call] of calls) {
    it(what, async () => {
      h = await harness();
      const fc = h.client();
      const { error, requests } = await attempt(() => call(fc));
      expect(error).toBeInstanceOf(ValidationError);
      expect(requests).toBe(0);
    });
  }

  it('impossible dates and unknown request keys (typos) are refused, naming the key meant', async () => {
    h = await harness();
    const fc = h.client();
    for (const expireBefore of ['2026-02-30', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2025-02-29']) {
      const error = await rejection(fc.products.list({ expireBefore }));
      expect(error, expireBefore).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('expireBefore');
    }
    await expect(fc.products.list({ expireBefore: '2028-02-29T23:59:59-8:00' })).resolves.toBeDefined();
    const typo = await rejection(fc.products.list({ serialNumber: '%', pageNumbr: 2 } as never));
    expect(typo).toBeInstanceOf(ValidationError);
    expect((typo as ValidationError).issues[0]).toMatchObject({ path: 'pageNumbr', code: 'unknown-key' });
    expect((typo as Error).message).toContain('did you mean pageNumber?');
    const unitTypo = await rejection(
      fc.products.register({
        registrationUnits: [{ serialNumber: 'FGT60FTK00000001', contractNumbr: 'ABCD1234' } as never],
        locations: [{ countryCode: 'US', citty: 'Sunnyvale' } as never],
      }),
    );
    expect((unitTypo as ValidationError).issues.map((i) => i.path)).toEqual([
      'locations[0].citty',
      'registrationUnits[0].contractNumbr',
    ]);
    expect(h.sim.forticare.stats()).toMatchObject({ calls: 1, errors: 0 });
  });

  it('a token with a line break, or no options at all, are refused when the client is made', async () => {
    h = await harness();
    expect(() => new FortiCare(undefined as never)).toThrow(ValidationError);
    expect(() => h.client({ username: undefined, password: undefined, token: 'abc\r\nx-evil: 1' })).toThrow(
      ValidationError,
    );
  });
});

describe('FortiCloud tokens: never resent blindly, none left live after close()', () => {
  it('a token reply cut short is not answered by a second grant', async () => {
    h = await harness();
    const fc = h.client();
    h.sim.faults.inject({ kind: 'truncated', product: forticloud, path: TOKEN_PATH, times: 3 });
    const { error } = await attempt(() => fc.folders.list());
    expect(error instanceof TransportError || error instanceof Error).toBe(true);
    expect(h.sim.forticloud.stats().issued).toBe(1);
  });

  it('a slow token reply that times out is not answered by a second grant', async () => {
    h = await harness();
    const fc = h.client({ timeoutMs: 150 });
    h.sim.faults.inject({ kind: 'latency', product: forticloud, path: TOKEN_PATH, delayMs: 400, times: 3 });
    const { error } = await attempt(() => fc.folders.list());
    expect(error).toMatchObject({ name: 'TransportError', kind: 'timeout' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(h.sim.forticloud.stats().issued).toBe(1);
  });

  it('a grant refused with 429 is sent again (FortiCloud did not process it)', async () => {
    h = await harness();
    const fc = h.client();
    h.sim.faults.inject({ kind: 'rate-limit', product: forticloud, path: TOKEN_PATH, retryAfterSec: 0.05 });
    await fc.folders.list();
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, active: 1 });
  });

  it('the token replaced by a refresh is revoked by close()', async () => {
    const clock = new VirtualClock();
    h = await harness({ clock, forticloud: { tokenLifetimeSec: 600 } });
    const fc = h.client();
    await fc.folders.list();
    clock.advance(550_000);
    await fc.folders.list();
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, refreshed: 1, active: 2 });
    await fc.close();
    expect(h.sim.forticloud.stats().active).toBe(0);
  });

  it('a revocation cut off by a reset during close() is sent again', async () => {
    h = await harness();
    const fc = h.client();
    await fc.folders.list();
    h.sim.faults.inject({ kind: 'reset', product: forticloud, path: REVOKE_PATH });
    await fc.close();
    expect(h.sim.forticloud.stats()).toMatchObject({ active: 0, revoked: 1 });
    expect(h.sim.faults.pending).toBe(0);
  });

  it('a revocation refused with a 5xx page during close() is sent again', async () => {
    h = await harness();
    const fc = h.client();
    await fc.folders.list();
    h.sim.faults.inject({ kind: 'html', status: 502, product: forticloud, path: REVOKE_PATH });
    await fc.close();
    expect(h.sim.forticloud.stats().active).toBe(0);
  });

  it('a FortiCloudAuth revoke() is retried after a reset too', async () => {
    h = await harness();
    const { username, password } = h.sim.forticloud.defaultUser;
    const auth = new FortiCloudAuth({
      clientId: 'assetmanagement',
      url: h.sim.forticloud.url,
      username,
      password,
    });
    await auth.accessToken();
    h.sim.faults.inject({ kind: 'reset', product: forticloud, path: REVOKE_PATH });
    await auth.revoke();
    await auth.close();
    expect(h.sim.forticloud.stats().active).toBe(0);
  });
});

describe('timeouts that bound', () => {
  it('a Retry-After longer than the call timeout is a RateLimitError now, not 8 s later', async () => {
    h = await harness();
    const fc = h.client();
    await fc.folders.list();
    h.sim.faults.inject({ kind: 'rate-limit', path: /products\/list$/, retryAfterSec: 4, times: 3 });
    const { error, ms, requests } = await attempt(() =>
      fc.products.list({ serialNumber: '%' }, { timeoutMs: 1_000 }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(4_000);
    expect(ms).toBeLessThan(700);
    expect(requests).toBe(1);
  });

  it('close() does not wait out the Retry-After of a token request', async () => {
    h = await harness();
    const fc = h.client();
    h.sim.faults.inject({ kind: 'rate-limit', product: forticloud, path: TOKEN_PATH, retryAfterSec: 3 });
    const call = attempt(() => fc.folders.list());
    while (h.sim.faults.pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await fc.close();
    expect(Date.now() - started).toBeLessThan(700);
    const { error, ms } = await call;
    expect(error).toMatchObject({ name: 'TransportError', kind: 'closed' });
    // The call ends with close(), not 3 s later when the sleep would have run out.
    expect(ms).toBeLessThan(1_000);
    expect(h.sim.forticloud.stats().issued).toBe(0);
  });

  it("the call's timeoutMs covers waiting for the token", async () => {
    h = await harness();
    const fc = h.client();
    h.sim.faults.inject({ kind: 'latency', product: forticloud, path: TOKEN_PATH, delayMs: 2_000 });
    const { error, ms } = await attempt(() => fc.folders.list({}, { timeoutMs: 200 }));
    expect(error).toMatchObject({ name: 'TransportError', kind: 'timeout', requestSent: false });
    expect(ms).toBeLessThan(1_000);
    expect(h.sim.forticare.stats().calls).toBe(0);
  });
});

describe('close() and the rate limiter', () => {
  it('cancels the calls queued in the limiter at once, and leaves no timer behind', async () => {
    h = await harness();
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const fc = h.client({ limits: { callsPerMinute: 1 } });
    await fc.folders.list();
    const queued = [fc.folders.list(), fc.contracts.list(), fc.products.list({ serialNumber: '%' })].map(
      (call) =>
        call.then(
          () => undefined,
          (e: unknown) => e,
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await fc.close();
    const errors = await Promise.all(queued);
    expect(Date.now() - started).toBeLessThan(700);
    for (const error of errors)
      expect(error).toMatchObject({ name: 'TransportError', kind: 'closed', requestSent: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timers()).toBeLessThanOrEqual(before);
    expect(h.sim.forticare.stats().calls).toBe(1);
  });
});
