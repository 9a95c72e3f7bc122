import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { json, sandbox } from './harness.js';

let sim: Simulator;
const cli = sandbox();
const keyEnv = () => ({
  FORTIX_SOAR_URL: sim.fortisoar.url,
  FORTIX_SOAR_API_KEY: sim.fortisoar.credentials.apiKey!,
});
const soar = (args: string[], input?: string) => cli.run(['soar', ...args], { env: keyEnv(), input });
const playbook = (name: string) => sim.fortisoar.playbooks().find((p) => p.name === name)!;

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortisoar'], fortisoar: { stepMs: 5 } });
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

interface Alert {
  uuid: string;
  '@id': string;
  name: string;
}

describe('fortix soar records and query', () => {
  it('lists a page, streams every record, and logs in with a password or signs with a key pair', async () => {
    const page = json<Alert[]>(await soar(['records', 'list', 'alerts', '--page-size', '5']));
    expect(page).toHaveLength(5);
    const all = await soar(['records', 'list', 'alerts', '--all', '--page-size', '7', '-o', 'jsonl']);
    expect(all.stdout.trim().split('\n')).toHaveLength(sim.fortisoar.count('alerts'));
    const { username, password, publicKey, privateKey } = sim.fortisoar.credentials;
    const login = await cli.run(['soar', 'records', 'get', 'alerts', page[0]!.uuid], {
      env: {
        FORTIX_SOAR_URL: sim.fortisoar.url,
        FORTIX_SOAR_USERNAME: username!,
        FORTIX_SOAR_PASSWORD: password!,
      },
    });
    expect(json<Alert>(login).name).toBe(page[0]!.name);
    const signed = await cli.run(['soar', 'records', 'list', 'alerts', '--page-size', '1'], {
      env: {
        FORTIX_SOAR_URL: sim.fortisoar.url,
        FORTIX_SOAR_PUBLIC_KEY: publicKey!,
        FORTIX_SOAR_PRIVATE_KEY: privateKey!,
      },
    });
    expect(signed.code, signed.stderr).toBe(0);
  });

  it('creates one record or many (one result each), updates, comments, deletes and restores', async () => {
    const one = json<Alert>(await soar(['records', 'create', 'alerts', '--data', '{"name":"cli one"}']));
    expect(sim.fortisoar.record(one['@id'])).toMatchObject({ name: 'cli one' });
    const many = await soar(
      ['records', 'create', 'alerts', '--data', '-'],
      JSON.stringify([{ name: 'bulk a' }, { name: 'bulk b' }]),
    );
    expect(json<Array<{ ok: boolean; uuid: string }>>(many).map((r) => r.ok)).toEqual([true, true]);
    const updated = json<Alert>(
      await soar(['records', 'update', 'alerts', one.uuid, '--data', '{"name":"cli renamed"}']),
    );
    expect(updated.name).toBe('cli renamed');
    expect((await soar(['records', 'comments', 'alerts', one.uuid, '--add', 'looked at it'])).code).toBe(0);
    const comments = json<Array<{ content: string }>>(
      await soar(['records', 'comments', 'alerts', one.uuid]),
    );
    expect(comments.map((c) => c.content).join()).toContain('looked at it');
    const removed = json<{ deleted: number }>(await soar(['records', 'delete', 'alerts', one.uuid]));
    expect(removed.deleted).toBe(1);
    expect((await soar(['records', 'get', 'alerts', one.uuid])).code).toBe(3);
    expect((await soar(['records', 'restore', 'alerts', one.uuid])).code).toBe(0);
    expect((await soar(['records', 'get', 'alerts', one.uuid])).code).toBe(0);
  });

  it('queries with readable conditions, a whole query object, and counts per value', async () => {
    const phishing = json<Alert[]>(
      await soar(['query', 'alerts', '--where', 'name like %Phishing%', '--sort', 'name']),
    );
    expect(phishing.length).toBeGreaterThan(0);
    expect(phishing.every((a) => a.name.includes('Phishing'))).toBe(true);
    const raw = json<Alert[]>(
      await soar([
        'query',
        'alerts',
        '--data',
        JSON.stringify({ filter: { field: 'name', operator: 'like', value: '%Phishing%' }, sort: ['name'] }),
      ]),
    );
    expect(raw.map((a) => a.uuid).sort()).toEqual(phishing.map((a) => a.uuid).sort());
    const counts = json<Array<{ value: string; count: number }>>(
      await soar(['query', 'alerts', '--group-by', 'severity.itemValue']),
    );
    expect(counts.find((c) => c.value === 'High')?.count).toBeGreaterThan(0);
    expect((await soar(['query', 'alerts', '--where', 'name resembles x'])).code).toBe(2);
  });

  it('exits 4 when a read-only user writes', async () => {
    const { loginid, password } = sim.fortisoar.analyst;
    const run = await cli.run(['soar', 'records', 'create', 'alerts', '--data', '{"name":"nope"}'], {
      env: {
        FORTIX_SOAR_URL: sim.fortisoar.url,
        FORTIX_SOAR_USERNAME: loginid,
        FORTIX_SOAR_PASSWORD: password,
      },
    });
    expect(run.code, run.stderr).toBe(4);
  });
});

describe('fortix soar connectors and agents', () => {
  it('lists, describes, checks health and runs operations on the appliance and on an agent', async () => {
    const names = json<Array<{ name: string }>>(await soar(['connectors', 'list'])).map((c) => c.name);
    expect(names).toContain('virustotal');
    const detail = json<{ operations: Array<{ operation: string }> }>(
      await soar(['connectors', 'detail', 'virustotal']),
    );
    expect(detail.operations.map((o) => o.operation)).toContain('get_reputation_ip');
    expect(
      json<unknown[]>(await soar(['connectors', 'configurations', '--name', 'virustotal'])),
    ).toHaveLength(1);
    expect(json<{ healthy: boolean }>(await soar(['connectors', 'health', 'virustotal'])).healthy).toBe(true);
    const local = json<{ state: string; data: { data: { id: string } } }>(
      await soar([
        'connectors',
        'execute',
        'virustotal',
        'get_reputation_ip',
        '--params',
        '{"ip":"8.8.8.8"}',
      ]),
    );
    expect(local).toMatchObject({ state: 'completed', data: { data: { id: '8.8.8.8' } } });
    const remote = await soar([
      'connectors',
      'execute',
      'fortigate-firewall',
      'block_ip',
      '--params',
      '{"ip":"203.0.113.9"}',
      '--wait',
    ]);
    expect(json(remote)).toMatchObject({
      state: 'completed',
      data: { ip: '203.0.113.9', status: 'blocked' },
    });
  });

  it('installs from Content Hub (waiting for the import job), uninstalls, and edits in the studio', async () => {
    const job = json<{ ok: boolean; uuid: string }>(
      await soar(['connectors', 'install', 'fortinet-fortisiem', '6.1.0', '--wait', '--interval', '0.05']),
    );
    expect(job.ok).toBe(true);
    expect(json<{ done: boolean }>(await soar(['connectors', 'install-status', job.uuid])).done).toBe(true);
    expect((await soar(['connectors', 'uninstall', 'fortinet-fortisiem'])).code).toBe(0);

    const [entity] = json<Array<{ id: number; name: string }>>(await soar(['connectors', 'studio', 'list']));
    expect(entity?.name).toBe('hello-world');
    const path = '/hello-world_1_0_0_dev/info.json';
    const info = JSON.parse(
      (await soar(['connectors', 'studio', 'read', String(entity!.id), path])).stdout,
    ) as { version: string };
    const file = join(cli.dir, 'info.json');
    writeFileSync(file, JSON.stringify({ ...info, version: '1.2.0' }));
    expect((await soar(['connectors', 'studio', 'write', String(entity!.id), path, file])).code).toBe(0);
    expect((await soar(['connectors', 'studio', 'publish', String(entity!.id)])).code).toBe(0);
    const installed = json<Array<{ name: string; version: string }>>(
      await soar(['connectors', 'list', '--name', 'hello-world']),
    );
    expect(installed[0]?.version).toBe('1.2.0');
  });

  it('manages connectors on a remote agent and reads its heartbeat', async () => {
    const agent = sim.fortisoar.agents.online;
    expect(json<{ alive: boolean }>(await soar(['agents', 'heartbeat', agent])).alive).toBe(true);
    expect((await soar(['agents', 'install', agent, 'fortinet-fortisiem', '6.0.0'])).code).toBe(0);
    expect(
      json<unknown[]>(await soar(['agents', 'status', 'fortinet-fortisiem', '6.0.0', '--agent', agent])),
    ).toHaveLength(1);
    expect((await soar(['agents', 'upgrade', agent, 'fortinet-fortisiem', '6.1.0'])).code).toBe(0);
    expect((await soar(['agents', 'uninstall', agent, 'fortinet-fortisiem', '6.1.0'])).code).toBe(0);
    expect(json<unknown[]>(await soar(['agents', 'status', 'fortinet-fortisiem', '6.1.0']))).toEqual([]);
  });
});

describe('fortix soar playbooks and files', () => {
  it('triggers a playbook on a record and waits; a failing one exits 3; logs show the steps', async () => {
    const [alert] = json<Alert[]>(await soar(['records', 'list', 'alerts', '--page-size', '1']));
    const enrich = playbook('Enrich Alert Indicators').uuid;
    const ok = await soar([
      'playbooks',
      'trigger',
      enrich,
      '--records',
      alert!['@id'],
      '--wait',
      '--interval',
      '0.05',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(json<Array<{ status: string }>>(ok)[0]?.status).toBe('finished');

    const started = json<{ taskId: string }>(
      await soar(['playbooks', 'trigger', playbook('Block Malicious IP').uuid, '--records', alert!['@id']]),
    );
    const failed = await soar(['playbooks', 'wait', started.taskId, '--interval', '0.05']);
    expect(failed.code, failed.stderr).toBe(3);
    expect(json<Array<{ status: string; failedStep?: string }>>(failed)[0]).toMatchObject({
      status: 'failed',
    });
    const logs = json<Array<{ name: string; status: string }>>(
      await soar(['playbooks', 'logs', started.taskId]),
    );
    expect(logs.some((s) => s.status === 'failed')).toBe(true);

    const api = await soar([
      'playbooks',
      'trigger',
      'notify-soc',
      '--endpoint',
      '--input',
      '{"text":"hi"}',
      '--wait',
      '--interval',
      '0.05',
    ]);
    expect(api.code, api.stderr).toBe(0);
    const names = json<Array<{ name: string }>>(await soar(['playbooks', 'list'])).map((p) => p.name);
    expect(names).toContain('Daily SOC Cleanup');
  });

  it('uploads, attaches and downloads files', async () => {
    const file = join(cli.dir, 'evidence.txt');
    writeFileSync(file, 'beacon to 203.0.113.4\n');
    const uploaded = json<{ '@id': string; size: number }>(await soar(['files', 'upload', file]));
    expect(uploaded.size).toBe(22);
    const [alert] = json<Alert[]>(await soar(['records', 'list', 'alerts', '--page-size', '1']));
    const attached = await soar(['files', 'upload', file, '--attach', `alerts/${alert!.uuid}`]);
    expect(json<{ name: string }>(attached).name).toBe('evidence.txt');
    const out = join(cli.dir, 'back.txt');
    expect((await soar(['files', 'download', uploaded['@id'], '--file', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('beacon to 203.0.113.4\n');
    expect((await soar(['files', 'download', uploaded['@id']])).stdout).toBe('beacon to 203.0.113.4\n');
  });
});
