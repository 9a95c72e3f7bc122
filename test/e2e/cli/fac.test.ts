import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { json, sandbox } from './harness.js';

let sim: Simulator;
const cli = sandbox();
const env = () => {
  const { username, apiKey } = sim.fortiauthenticator.credentials;
  return {
    FORTIX_FAC_URL: sim.fortiauthenticator.url,
    FORTIX_FAC_USERNAME: username!,
    FORTIX_FAC_API_KEY: apiKey!,
  };
};
const fac = (args: string[], input?: string) => cli.run(['fac', ...args], { env: env(), input });

beforeAll(async () => {
  sim = await startSimulator({
    products: ['fortiauthenticator'],
    fortiauthenticator: { seed: { users: 30 } },
  });
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

interface User {
  id: number;
  username: string;
  email?: string;
}

describe('fortix fac <resource>', () => {
  it('streams every object, one page with --limit, and filters checked before sending', async () => {
    const all = await fac(['localusers', 'list', '-o', 'jsonl']);
    expect(all.stdout.trim().split('\n')).toHaveLength(30);
    const page = json<User[]>(await fac(['localusers', 'list', '--limit', '5', '--offset', '5']));
    expect(page.map((u) => u.username)).toEqual(['user0006', 'user0007', 'user0008', 'user0009', 'user0010']);
    const filtered = json<User[]>(
      await fac(['localusers', 'list', '--filter', 'username__in=user0001,user0002']),
    );
    expect(filtered.map((u) => u.username).sort()).toEqual(['user0001', 'user0002']);
    const bad = await fac(['localusers', 'list', '--filter', 'shoe_size=9']);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain("'shoe_size' cannot be filtered on");
  });

  it('creates, gets, updates and deletes; a list creates each with one result per object', async () => {
    const created = json<User>(
      await fac(['localusers', 'create', '--data', '{"username":"cli_alice","email":"alice@example.com"}']),
    );
    expect(json<User>(await fac(['localusers', 'get', String(created.id)])).username).toBe('cli_alice');
    const updated = json<User>(
      await fac(['localusers', 'update', String(created.id), '--data', '{"email":"a2@example.com"}']),
    );
    expect(updated.email).toBe('a2@example.com');
    expect((await fac(['localusers', 'delete', String(created.id)])).code).toBe(0);
    expect((await fac(['localusers', 'get', String(created.id)])).code).toBe(3);

    const many = await fac(
      ['localusers', 'create', '--data', '-'],
      JSON.stringify([
        { username: 'cli_b', email: 'b@example.com' },
        { username: 'cli_b', email: 'b@example.com' },
      ]),
    );
    expect(many.code, many.stderr).toBe(3);
    expect(json<Array<{ ok: boolean }>>(many).map((r) => r.ok)).toEqual([true, false]);
  });

  it('offers only the methods a resource allows, and singletons and sub-resources work', async () => {
    const help = await fac(['fgtgroupfilter', '--help']);
    expect(help.stdout).toMatch(/^ {2}list\b/m);
    expect(help.stdout).not.toMatch(/^ {2}create\b/m);
    expect((await fac(['fgtgroupfilter', 'create', '--data', '{}'])).code).toBe(2);
    const objects = json<Array<{ name: string }>>(
      await fac(['fgtgroupfilter/ssofilterobjects', 'list', '--parent', '1']),
    );
    expect(objects.map((o) => o.name)).toContain('CN=VPN Users,DC=example,DC=com');
    expect((await fac(['fgtgroupfilter/ssofilterobjects', 'list'])).code).toBe(2);
    const info = await fac(['systeminfo', 'get']);
    expect(json<{ firmware: string }>(info).firmware).toEqual(expect.any(String));
  });

  it('describes a resource', async () => {
    const described = json<{ resource: string; fields: Record<string, unknown> }>(
      await fac(['describe', 'localusers']),
    );
    expect(described.resource).toBe('localusers');
    expect(Object.keys(described.fields)).toContain('username');
    expect((await fac(['describe', 'nonsense'])).code).toBe(2);
  });
});

describe('fortix fac auth', () => {
  it("checks a user's password from stdin; a wrong one exits 4", async () => {
    const good = await fac(['auth', 'user0003', '--user-password-stdin'], 'user0003-pw\n');
    expect(good.code, good.stderr).toBe(0);
    expect(json<{ ok: boolean }>(good).ok).toBe(true);
    const bad = await fac(['auth', 'user0003', '--user-password-stdin'], 'wrong');
    expect(bad.code, bad.stderr).toBe(4);
    expect(json<{ ok: boolean; reason: string }>(bad)).toMatchObject({ ok: false, reason: 'rejected' });
    const noTerminal = await fac(['auth', 'user0003']);
    expect(noTerminal.code, noTerminal.stderr).toBe(2);
    expect(noTerminal.stderr).toContain('--user-password-stdin');
  });
});
