import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FortixError } from '../../../src/core/errors.js';
import type { FortiManager } from '../../../src/fortimanager/index.js';
import { recordingLogger, useSimulator } from './harness.js';

const h = useSimulator();

/**
 * A loopback proxy in front of the simulator that remembers every secret it sees going by: session
 * ids of login replies and OAuth tokens of token replies.
 */
let proxy: Server;
let proxyUrl: string;
const seen = new Set<string>();

beforeAll(async () => {
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    try {
      const origin = req.url?.startsWith('/api/v1/oauth/') ? h.sim.forticloud.url : h.sim.fortimanager.url;
      const reply = await request(`${origin}${req.url}`, {
        method: req.method as 'POST',
        headers: headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await reply.body.arrayBuffer());
      collect(body.toString('utf8'));
      res.writeHead(reply.statusCode, {
        'content-type': String(reply.headers['content-type'] ?? 'application/json'),
      });
      res.end(body);
    } catch {
      res.socket?.destroy();
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

function collect(text: string): void {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['session', 'access_token', 'refresh_token']) {
      if (typeof data[key] === 'string') seen.add(data[key] as string);
    }
  } catch {
    // not JSON (fault pages): nothing to remember
  }
}

/** Every text an error exposes: message, details, snippet, cause chain. */
function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    texts.push(e.message, String(e), e.stack ?? '');
    if (e instanceof FortixError) texts.push(JSON.stringify(e.details));
    if ('snippet' in e) texts.push(String(e.snippet));
  }
  return texts;
}

describe('secrets never reach logs or errors', () => {
  it('password, API key, OAuth tokens and session ids are redacted everywhere', async () => {
    const password = h.sim.fortimanager.adminPassword;
    const apiKey = h.sim.fortimanager.createApiKey('api_001');
    const cloudUser = h.sim.forticloud.defaultUser;
    const logger = recordingLogger();
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) => p.catch((e: unknown) => errors.push(e));
    const run = async (fmg: FortiManager) => {
      await fmg.get('/sys/status');
      await capture(fmg.add('/pm/config/adom/root/obj/firewall/address', { data: { name: 'host_001' } }));
      await capture(fmg.get('/pm/config/adom/root/obj/firewall/nope'));
      h.sim.faults.inject({ kind: 'invalid-json', product: 'fortimanager' });
      await capture(fmg.get('/sys/status'));
      h.sim.faults.inject({ kind: 'html', product: 'fortimanager' });
      await capture(
        fmg.exec('/sys/proxy/json', {
          data: {
            action: 'get',
            resource: '/api/v2/monitor/system/status',
            target: ['/adom/root/device/FGT1'],
          },
        }),
      );
      h.sim.faults.inject({ kind: 'reset', product: 'fortimanager' });
      await capture(
        fmg.add('/pm/config/adom/root/obj/firewall/address', {
          data: { name: 'r1', subnet: '10.50.0.1/32' },
        }),
      );
      await capture(fmg.get('/sys/status', { timeoutMs: 1 }));
    };

    const session = h.client({ url: proxyUrl, username: 'admin', password, logger });
    await run(session);
    h.sim.fortimanager.expireSessions(); // a re-login puts a second session id in play
    await session.get('/sys/status');
    await session.close();

    const keyClient = h.client({ url: proxyUrl, apiKey, accessUser: 'api_001', logger });
    await run(keyClient);
    await keyClient.close();

    const cloud = h.client({
      url: proxyUrl,
      cloud: { username: cloudUser.username, password: cloudUser.password, authUrl: proxyUrl },
      logger,
    });
    await run(cloud);
    await cloud.close();

    await capture(
      h
        .client({ url: proxyUrl, username: 'admin', password: `${password}-wrong`, logger })
        .get('/sys/status'),
    );
    await capture(h.client({ url: proxyUrl, username: 'devops', password, logger }).get('/sys/status'));

    const secrets = [password, `${password}-wrong`, apiKey, cloudUser.password, ...seen];
    expect(seen.size).toBeGreaterThanOrEqual(4); // 2+ sessions, a cloud session, an access token
    expect(logger.lines.length).toBeGreaterThan(20);
    expect(errors.length).toBeGreaterThanOrEqual(15);
    const texts = [...logger.lines, ...errors.flatMap(errorTexts)];
    for (const secret of secrets) {
      for (const text of texts) {
        expect(text.includes(secret), `a secret leaked into: ${text.slice(0, 300)}`).toBe(false);
        expect(text.includes(encodeURIComponent(secret)), `a secret leaked into: ${text.slice(0, 300)}`).toBe(
          false,
        );
      }
    }
  });
});
