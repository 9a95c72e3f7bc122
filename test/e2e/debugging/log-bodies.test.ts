/**
 * `logBodies: true` end to end, every product against the simulator over loopback: each request and
 * response is logged with its body, and no secret that crossed the wire (password, API key, key
 * pair, session id, OAuth tokens, signature, Basic credentials) is in any log line.
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logging.js';
import { FortiAnalyzer } from '../../../src/fortianalyzer/index.js';
import { FortiAuthenticator } from '../../../src/fortiauthenticator/index.js';
import { FortiCare } from '../../../src/forticare/index.js';
import { FortiManager } from '../../../src/fortimanager/index.js';
import { FortiSoar } from '../../../src/fortisoar/index.js';
import { recordingLogger } from '../helpers.js';
import { useTappedSimulator } from './tapped-simulator.js';

const h = useTappedSimulator();

interface Case {
  readonly name: string;
  /** Secrets the client is given (also looked for in the log, whatever the wire showed). */
  readonly secrets: () => string[];
  /** Logs in, makes one call, closes. */
  run(logging: { logger: Logger; logBodies: true }): Promise<void>;
}

const fmgCredentials = () => h.sim.fortimanager.credentials;
const soarCredentials = () => h.sim.fortisoar.credentials;
const facCredentials = () => h.sim.fortiauthenticator.credentials;

const CASES: readonly Case[] = [
  {
    name: 'FortiManager session',
    secrets: () => [fmgCredentials().password!],
    async run(logging) {
      const { username, password } = fmgCredentials();
      await using fmg = new FortiManager({ url: h.sim.fortimanager.url, username, password, ...logging });
      await fmg.login();
      await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', { params: { adom: 'root' } });
    },
  },
  {
    name: 'FortiManager API key',
    secrets: () => [fmgCredentials().apiKey!],
    async run(logging) {
      await using fmg = new FortiManager({
        url: h.sim.fortimanager.url,
        apiKey: fmgCredentials().apiKey,
        ...logging,
      });
      await fmg.login();
      await fmg.get('/dvmdb/device', { fields: ['name'] });
    },
  },
  {
    name: 'FortiManager Cloud',
    secrets: () => [h.sim.forticloud.defaultUser.password],
    async run(logging) {
      const { username, password } = h.sim.forticloud.defaultUser;
      await using fmg = new FortiManager({
        url: h.sim.fortimanager.url,
        cloud: { username, password, authUrl: h.sim.forticloud.url },
        ...logging,
      });
      await fmg.login();
      await fmg.get('/sys/status');
    },
  },
  {
    name: 'FortiAnalyzer session (JSON-RPC 2.0 calls too)',
    secrets: () => [h.sim.fortianalyzer.credentials.password!],
    async run(logging) {
      const { username, password } = h.sim.fortianalyzer.credentials;
      await using faz = new FortiAnalyzer({ url: h.sim.fortianalyzer.url, username, password, ...logging });
      await faz.login();
      await faz.get('/eventmgmt/adom/{adom}/alerts', { limit: 1 });
    },
  },
  {
    name: 'FortiCare (FortiCloud OAuth)',
    secrets: () => [h.sim.forticare.credentials.password!],
    async run(logging) {
      const { username, password } = h.sim.forticare.credentials;
      await using fc = new FortiCare({
        url: h.sim.forticare.url,
        authUrl: h.sim.forticloud.url,
        username,
        password,
        ...logging,
      });
      await fc.login();
      await fc.products.list({ serialNumber: 'F%' });
    },
  },
  {
    name: 'FortiSOAR login (JWT)',
    secrets: () => [soarCredentials().password!],
    async run(logging) {
      const { username, password } = soarCredentials();
      await using soar = new FortiSoar({ url: h.sim.fortisoar.url, username, password, ...logging });
      await soar.login();
      await soar.alerts.list({ pageSize: 1 });
    },
  },
  {
    name: 'FortiSOAR API key',
    secrets: () => [soarCredentials().apiKey!],
    async run(logging) {
      await using soar = new FortiSoar({
        url: h.sim.fortisoar.url,
        apiKey: soarCredentials().apiKey,
        ...logging,
      });
      await soar.login();
      await soar.alerts.create({ name: 'logged' });
    },
  },
  {
    name: 'FortiSOAR HMAC key pair',
    secrets: () => [soarCredentials().privateKey!],
    async run(logging) {
      const { publicKey, privateKey } = soarCredentials();
      await using soar = new FortiSoar({ url: h.sim.fortisoar.url, publicKey, privateKey, ...logging });
      await soar.login();
      await soar.alerts.list({ pageSize: 1 });
    },
  },
  {
    name: 'FortiAuthenticator Basic',
    secrets: () => [facCredentials().apiKey!],
    async run(logging) {
      const { username, apiKey } = facCredentials();
      await using fac = new FortiAuthenticator({
        url: h.sim.fortiauthenticator.url,
        username,
        apiKey,
        ...logging,
      });
      await fac.login();
      await fac.resource('localusers').list();
    },
  },
  {
    name: 'FortiAuthenticator OAuth',
    secrets: () => [facCredentials().password!],
    async run(logging) {
      const { username, password, clientId } = facCredentials();
      await using fac = new FortiAuthenticator({
        url: h.sim.fortiauthenticator.url,
        username,
        password,
        clientId,
        ...logging,
      });
      await fac.login();
    },
  },
];

describe('logBodies: true', () => {
  it.each(CASES)('$name: every request and response is logged with its body, no secret is', async (c) => {
    const logger = recordingLogger();
    const mark = h.tap.mark();
    await c.run({ logger, logBodies: true });
    const requests = logger.lines.filter((line) => line.startsWith('→ '));
    const replies = logger.lines.filter((line) => line.startsWith('← '));
    const sent = h.tap.seenSince(mark, () => true);
    // Every request on the wire (logins, token grants, logouts, revocations) has its two lines.
    expect(requests).toHaveLength(sent.length);
    expect(replies).toHaveLength(sent.length);
    expect(replies.every((line) => /"body":"/.test(line) || /"content-length":"0"/.test(line))).toBe(true);
    const secrets = new Set([...c.secrets(), ...h.tap.secrets]);
    // The secrets this exchange put on the wire, beyond the client's own: a session id, a token, a signature.
    expect(secrets.size).toBeGreaterThan(c.secrets().length);
    const log = logger.lines.join('\n');
    for (const secret of secrets) expect(log, `a secret of ${c.name} is in the log`).not.toContain(secret);
    expect(log).toContain('[REDACTED]');
  });

  it('cuts a large reply after 8 KiB and states its size', async () => {
    const logger = recordingLogger();
    h.sim.fortimanager.seedAddresses('dc_amer', 500);
    const { username, password } = fmgCredentials();
    await using fmg = new FortiManager({
      url: h.sim.fortimanager.url,
      username,
      password,
      logger,
      logBodies: true,
    });
    await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', { params: { adom: 'dc_amer' } });
    const reply = logger.lines.find((line) => line.startsWith('← ') && line.includes('[cut: '));
    expect(reply).toMatch(/\[cut: \d{5,} bytes in all\]/);
  });

  it('notes a binary download instead of dumping it', async () => {
    const logger = recordingLogger();
    await using soar = new FortiSoar({
      url: h.sim.fortisoar.url,
      apiKey: soarCredentials().apiKey,
      logger,
      logBodies: true,
    });
    const file = await soar.files.upload(Buffer.from([0, 1, 2, 3, 255, 254]), { filename: 'evidence.bin' });
    await soar.files.download(file['@id']);
    expect(
      logger.lines.some((line) =>
        /^→ POST .*\/api\/3\/files .*"body":"\[binary body: \d+ bytes, multipart\/form-data/.test(line),
      ),
    ).toBe(true);
    expect(
      logger.lines.some((line) => /^← 200 GET .*\/download .*"body":"\[binary body: 6 bytes/.test(line)),
    ).toBe(true);
  });

  it('logs nothing of a body when logBodies is off', async () => {
    const logger = recordingLogger();
    const { username, password } = fmgCredentials();
    await using fmg = new FortiManager({ url: h.sim.fortimanager.url, username, password, logger });
    await fmg.get('/sys/status');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.some((line) => line.startsWith('→ ') || line.includes('"body"'))).toBe(false);
  });
});
