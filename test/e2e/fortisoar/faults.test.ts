import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, RateLimitError, TransportError } from '../../../src/core/errors.js';
import { type FortiSoarApiError, FortiSoarInvalidRequestError } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

const fastRetry = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } };

describe('FortiSOAR client on a faulty wire', () => {
  let h: SoarHarness;
  afterEach(() => h.close());

  it('retries reads after a reset or a 503, never a create', async () => {
    h = await startSoar();
    const soar = h.client('apikey', fastRetry);
    h.sim.faults.inject({ kind: 'reset', product: 'fortisoar', path: '/api/3/alerts' });
    h.sim.faults.inject({ kind: 'http-error', status: 503, product: 'fortisoar', path: '/api/3/alerts' });
    expect((await soar.alerts.list({ pageSize: 1 })).items).toHaveLength(1);
    const requests = h.sim.requests;
    h.sim.faults.inject({ kind: 'reset', product: 'fortisoar', path: '/api/3/alerts' });
    await expect(soar.alerts.create({ name: 'maybe created' })).rejects.toBeInstanceOf(TransportError);
    // The request had been sent: a create is not sent again, the caller decides.
    expect(h.sim.requests).toBe(requests + 1);
  });

  it('turns an HTML error page into a ProtocolError and a 429 into a RateLimitError after retries', async () => {
    h = await startSoar();
    const soar = h.client('apikey');
    h.sim.faults.inject({ kind: 'html', product: 'fortisoar' });
    await expect(soar.alerts.list()).rejects.toBeInstanceOf(ProtocolError);
    h.sim.faults.inject({ kind: 'rate-limit', retryAfterSec: 1, product: 'fortisoar' });
    await expect(soar.alerts.list()).rejects.toBeInstanceOf(RateLimitError);
  });

  it('logs in again when the server drops the session', async () => {
    h = await startSoar();
    const soar = h.client('jwt');
    await soar.alerts.list({ pageSize: 1 });
    h.sim.faults.inject({ kind: 'stale-session', product: 'fortisoar' });
    await soar.alerts.list({ pageSize: 1 });
    expect(h.sim.fortisoar.stats().logins).toBe(2);
  });

  it("keeps the Django service's words: GET of a connector record is refused", async () => {
    h = await startSoar();
    const soar = h.client('apikey');
    const reply = await soar.raw({ method: 'GET', path: '/api/integration/connectors/1/' });
    expect(reply).toMatchObject({ status: 405, data: { detail: 'Method "GET" not allowed.' } });
    const failed = await soar.connectors
      .execute('virustotal', 'get_reputation_ip', { params: { ip: '' } })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(FortiSoarInvalidRequestError);
    expect((failed as FortiSoarApiError).apiMessage).toBe('Missing required input: ip.');
    expect((failed as FortiSoarApiError).status).toBe(400);
  });
});
