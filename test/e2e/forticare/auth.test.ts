import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { AuthError, TransportError } from '../../../src/core/errors.js';
import { FortiCare, FortiCareOperationError, FortiCloudAuth } from '../../../src/forticare/index.js';
import type { SimResponse } from '../../../src/simulator/types.js';
import { type Harness, harness, recordingLogger, rejection } from './harness.js';

describe('FortiCloud OAuth for FortiCare against the simulator', () => {
  let h: Harness;
  const closeLater: Array<{ close(): Promise<void> }> = [];

  afterEach(async () => {
    await Promise.all(closeLater.splice(0).map((c) => c.close()));
    await h.close();
  });

  it('refreshes the token before it expires, once however many calls wait, and again later', async () => {
    const clock = new VirtualClock();
    h = await harness({ clock, forticloud: { tokenLifetimeSec: 600 } });
    const fc = h.client();
    await fc.folders.list();
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, refreshed: 0, active: 1 });

    clock.advance(550_000); // 50 s before expiry: inside the refresh margin
    await Promise.all(Array.from({ length: 20 }, () => fc.folders.list()));
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, refreshed: 1 });

    clock.advance(2 * 600_000); // long past expiry
    await fc.products.list({ serialNumber: '%' });
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, refreshed: 2 });
    expect(h.sim.forticare.stats()).toMatchObject({ calls: 22, errors: 0, violations: 0 });
  });

  it('re-authenticates once when FortiCare rejects a revoked token, and replays the call', async () => {
    h = await harness();
    const fc = h.client();
    await fc.folders.list();
    h.sim.forticloud.revokeAll();
    const folders = await fc.folders.list();
    expect(folders.length).toBeGreaterThan(0);
    // The refresh token went with the revoked pair, so the client logged in again with its password.
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 2, refreshed: 0 });
    expect(h.sim.forticare.stats()).toMatchObject({ calls: 2, errors: 1 });
  });

  it('revokes its token on close (and await using), and refuses calls afterwards', async () => {
    h = await harness();
    {
      await using fc = h.client();
      await fc.folders.list();
      expect(h.sim.forticloud.stats().active).toBe(1);
    }
    expect(h.sim.forticloud.stats()).toMatchObject({ revoked: 1, active: 0 });
    const fc = h.client();
    await fc.close();
    await fc.close();
    expect(await rejection(fc.folders.list())).toBeInstanceOf(TransportError);
    expect(h.sim.forticloud.stats().revoked).toBe(1);
  });

  it('uses a token passed in as is, never revokes it, and says so when it stops working', async () => {
    h = await harness();
    const { username, password } = h.sim.forticloud.defaultUser;
    const auth = new FortiCloudAuth({
      clientId: 'assetmanagement',
      url: h.sim.forticloud.url,
      username,
      password,
    });
    closeLater.push(auth);
    const token = await auth.accessToken();
    const fc = new FortiCare({ url: h.sim.forticare.url, token });
    expect((await fc.folders.list()).length).toBeGreaterThan(0);
    await fc.close();
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, revoked: 0, active: 1 });

    const stale = new FortiCare({ url: h.sim.forticare.url, token });
    closeLater.push(stale);
    h.sim.forticloud.revokeAll();
    const error = await rejection(stale.folders.list());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('cannot be refreshed');
  });

  it('shares one FortiCloudAuth between clients without closing it', async () => {
    h = await harness();
    const { username, password } = h.sim.forticloud.defaultUser;
    const auth = new FortiCloudAuth({
      clientId: 'assetmanagement',
      url: h.sim.forticloud.url,
      username,
      password,
    });
    closeLater.push(auth);
    const a = new FortiCare({ url: h.sim.forticare.url, auth });
    const b = new FortiCare({ url: h.sim.forticare.url, auth });
    await Promise.all([a.folders.list(), b.contracts.list(), a.licenses.list()]);
    await a.close();
    await b.contracts.list();
    await b.close();
    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 1, revoked: 0 });
    await auth.close();
    expect(h.sim.forticloud.stats()).toMatchObject({ revoked: 1, active: 0 });
  });

  it('explains refused credentials and unknown clients without showing the password', async () => {
    h = await harness();
    const { username } = h.sim.forticloud.defaultUser;
    const wrong = h.client({ username, password: 'Wrong-Password-123!' });
    const error = await rejection(wrong.folders.list());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('Invalid credentials given.');
    expect((error as Error).message).not.toContain('Wrong-Password-123!');
    const otherPortal = h.client({ clientId: 'fortigatecloud' });
    expect((await rejection(otherPortal.folders.list())) as Error).toHaveProperty(
      'message',
      expect.stringContaining('invalid_client'),
    );
    expect(h.sim.forticare.stats().calls).toBe(0);
  });

  it('never writes a password or token into a log line, an error message or a result', async () => {
    const clock = new VirtualClock();
    h = await harness({ clock, forticloud: { tokenLifetimeSec: 300 } });
    const secrets = new Set<string>([h.sim.forticloud.defaultUser.password]);
    const oauth = h.sim.forticloud.handler;
    const original = oauth.handle.bind(oauth);
    (oauth as { handle: typeof oauth.handle }).handle = async (req) => {
      const reply: SimResponse = await original(req);
      const body = reply.body as Record<string, unknown> | undefined;
      for (const key of ['access_token', 'refresh_token'])
        if (typeof body?.[key] === 'string') secrets.add(body[key] as string);
      return reply;
    };
    const logger = recordingLogger();
    const texts: string[] = [];
    const keep = (error: unknown) => {
      texts.push(String(error), JSON.stringify((error as { details?: unknown }).details ?? {}));
      for (
        let cause = (error as { cause?: unknown }).cause;
        cause;
        cause = (cause as { cause?: unknown }).cause
      )
        texts.push(String(cause));
    };

    const fc = h.client({ logger });
    texts.push(JSON.stringify(await fc.products.list({ serialNumber: '%' })));
    clock.advance(290_000);
    texts.push(JSON.stringify(await fc.folders.list()));
    h.sim.forticloud.revokeAll();
    texts.push(JSON.stringify(await fc.contracts.list()));
    const apiError = await rejection(fc.products.details('FGT60FTK99999999'));
    expect(apiError).toBeInstanceOf(FortiCareOperationError);
    keep(apiError);
    await fc.close();
    const bad = h.client({ logger, password: 'Not-The-Password-42!' });
    secrets.add('Not-The-Password-42!');
    keep(await rejection(bad.folders.list()));

    expect(h.sim.forticloud.stats()).toMatchObject({ issued: 2, refreshed: 1, revoked: 3 });
    expect(secrets.size).toBe(2 + 3 * 2);
    expect(logger.lines.length).toBeGreaterThan(8);
    expect(logger.lines.some((l) => l.includes('FortiCloud token issued'))).toBe(true);
    const everything = [...logger.lines, ...texts].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
