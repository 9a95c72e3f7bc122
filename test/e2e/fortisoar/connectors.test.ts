import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlreadyExistsError, InvalidRequestError, NotFoundError } from '../../../src/core/errors.js';
import { type FortiSoar, FortiSoarApiError } from '../../../src/fortisoar/index.js';
import { FAST, type SoarHarness, startSoar } from './harness.js';
import { connectorBundle } from './tgz.js';

describe('FortiSOAR connectors', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('jwt');
  });
  afterAll(() => h.close());

  it('discovers installed connectors, versions, operations and configurations', async () => {
    const installed = await soar.connectors.listConfigured();
    expect(installed.map((c) => c.name)).toEqual(
      expect.arrayContaining(['cyops_utilities', 'virustotal', 'fortigate-firewall']),
    );
    expect(await soar.connectors.resolveVersion('cyops_utilities')).toBe('3.7.1');
    expect(await soar.connectors.resolveVersion('not-installed')).toBeUndefined();
    const detail = await soar.connectors.connectorDetail('cyops_utilities');
    expect(detail.operations.map((o) => o.operation)).toEqual([
      'no_op',
      'get_current_date',
      'extract_artifacts',
    ]);
    await expect(soar.connectors.connectorDetail('not-installed')).rejects.toBeInstanceOf(NotFoundError);
    const configs = await soar.connectors.listConfigurations({ name: 'virustotal', active: true });
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({
      name: 'Default',
      default: true,
      agent: null,
      config: { api_key: '********' },
    });
    expect(await soar.connectors.listConfigurations({ name: 'fortigate-firewall' })).toMatchObject([
      { agent: h.sim.fortisoar.agents.online },
    ]);
  });

  it('healthchecks a configuration', async () => {
    expect(await soar.connectors.healthcheck('virustotal')).toMatchObject({
      status: 'Available',
      healthy: true,
      version: '2.5.0',
    });
    h.sim.fortisoar.setAgentOnline(h.sim.fortisoar.agents.online, false);
    expect(await soar.connectors.healthcheck('fortigate-firewall')).toMatchObject({
      status: 'Disconnected',
      healthy: false,
    });
    h.sim.fortisoar.setAgentOnline(h.sim.fortisoar.agents.online, true);
  });

  it('executes on the appliance (result at once) and on an agent (submitted; waited for)', async () => {
    const local = await soar.connectors.execute('virustotal', 'get_reputation_ip', {
      params: { ip: '8.8.8.8' },
    });
    expect(local).toMatchObject({
      state: 'completed',
      ok: true,
      status: 'Success',
      data: { data: { id: '8.8.8.8', type: 'ip_address' } },
    });
    const artifacts = await soar.connectors.execute('cyops_utilities', 'extract_artifacts', {
      params: { data: 'beacon to 203.0.113.4 via https://evil.example.com/x' },
    });
    expect(artifacts).toMatchObject({
      state: 'completed',
      data: { IP: ['203.0.113.4'], URL: ['https://evil.example.com/x'] },
    });
    const remote = await soar.connectors.execute('fortigate-firewall', 'block_ip', {
      params: { ip: '203.0.113.9' },
    });
    expect(remote.state).toBe('submitted');
    if (remote.state !== 'submitted') throw new Error('expected a submitted action');
    const outcome = await soar.connectors.waitForOutcome(remote, FAST);
    expect(outcome).toMatchObject({
      state: 'completed',
      ok: true,
      data: { ip: '203.0.113.9', status: 'blocked' },
    });
  });

  it('maps execution refusals with the server words', async () => {
    await expect(soar.connectors.execute('virustotal', 'get_reputation_ip', { params: {} })).rejects.toThrow(
      /Missing required input: ip/,
    );
    await expect(soar.connectors.execute('virustotal', 'nope')).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      soar.connectors.execute('absent-connector', 'x', { version: '1.0.0' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('edits a connector in Connector Studio and publishes it onto the appliance', async () => {
    const [entity] = await soar.connectors.dev.list();
    expect(entity).toMatchObject({ name: 'hello-world', development: true });
    const opened = await soar.connectors.dev.edit(entity!.id);
    const info = opened.files[0]!.children!.find((f) => f.name === 'info.json')!;
    expect(info.xpath).toBe('/hello-world_1_0_0_dev/info.json');
    const text = await soar.connectors.dev.readFile(entity!.id, info.xpath);
    const edited = { ...JSON.parse(text), version: '1.1.0' };
    edited.operations.push({ operation: 'shout', title: 'Shout', parameters: [] });
    await soar.connectors.dev.writeFile(entity!.id, { path: 'info.json', content: JSON.stringify(edited) });
    expect(JSON.parse(await soar.connectors.dev.readFile(entity!.id, info.xpath)).version).toBe('1.1.0');
    await soar.connectors.dev.publish(entity!.id);
    expect(await soar.connectors.resolveVersion('hello-world')).toBe('1.1.0');
    await expect(soar.connectors.dev.publish(entity!.id)).rejects.toBeInstanceOf(AlreadyExistsError);
    await soar.connectors.dev.publish(entity!.id, { replace: true });
    const ops = (await soar.connectors.connectorDetail('hello-world')).operations.map((o) => o.operation);
    expect(ops).toContain('shout');
  });

  it('installs from Content Hub as an import job that progresses to its end', async () => {
    const seen: number[] = [];
    const job = await soar.connectors.install('fortinet-fortisiem', '6.1.0', {
      ...FAST,
      wait: true,
      onProgress: (j) => seen.push(j.progressPercent),
    });
    expect(job).toMatchObject({ status: 'Import Complete', ok: true, done: true, progressPercent: 100 });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    expect(seen.length).toBeGreaterThan(2);
    expect(await soar.connectors.resolveVersion('fortinet-fortisiem')).toBe('6.1.0');
    const started = await soar.connectors.install('fortinet-fortisiem', '6.0.0');
    expect(started.done).toBe(false);
    await expect(
      soar.connectors.install('legacy-ticketing', '0.9.0', { ...FAST, wait: true }),
    ).rejects.toBeInstanceOf(FortiSoarApiError);
    await expect(soar.connectors.install('no-such-connector', '1.0.0')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('installs an uploaded bundle (path, bytes), refusing the same version unless replace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fortix-soar-'));
    const path = join(dir, 'greeter-1.0.0.tgz');
    await writeFile(path, connectorBundle('greeter', '1.0.0'));
    const installed = await soar.connectors.installFromFile(path);
    expect(installed).toMatchObject({ name: 'greeter', version: '1.0.0' });
    await expect(soar.connectors.installFromFile(path)).rejects.toBeInstanceOf(AlreadyExistsError);
    const replaced = await soar.connectors.installFromFile(connectorBundle('greeter', '1.0.0', 'say_bye'), {
      replace: true,
      filename: 'greeter.tgz',
    });
    expect(replaced.operations.map((o) => o.operation)).toEqual(['say_bye']);
    await expect(
      soar.connectors.installFromFile(Buffer.from('not a tgz'), { filename: 'x.tgz' }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('uninstalls from the appliance (configurations go with it)', async () => {
    await soar.connectors.uninstall('greeter');
    expect(await soar.connectors.resolveVersion('greeter')).toBeUndefined();
    await soar.connectors.uninstall('virustotal');
    expect(await soar.connectors.listConfigurations({ name: 'virustotal' })).toEqual([]);
    await expect(soar.connectors.uninstall('virustotal')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('FortiSOAR agents', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('apikey');
  });
  afterAll(() => h.close());

  it('probes agent liveness over the message bus', async () => {
    const { online, offline } = h.sim.fortisoar.agents;
    expect(await soar.agents.heartbeat(online)).toMatchObject({
      agent: online,
      status: 'alive',
      alive: true,
    });
    expect(await soar.agents.heartbeat(offline)).toMatchObject({ status: 'unreachable', alive: false });
    await expect(soar.agents.heartbeat('no-such-agent')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('installs, upgrades and uninstalls a connector on an agent, distinct from the appliance', async () => {
    const agent = h.sim.fortisoar.agents.online;
    const name = 'fortinet-fortisiem';
    await soar.agents.installConnector(agent, { name, version: '6.0.0' });
    expect(await soar.agents.connectorStatus({ name, version: '6.0.0' }, { agentId: agent })).toMatchObject([
      { status: 'awaiting' },
    ]);
    h.clock.advance(1_000);
    expect(await soar.agents.connectorStatus({ name, version: '6.0.0' })).toMatchObject([
      { agent, status: 'Completed' },
    ]);
    await soar.agents.upgradeConnector(agent, { name, version: '6.1.0' });
    expect(await soar.agents.connectorStatus({ name, version: '6.1.0' })).toHaveLength(1);
    // Not on the appliance: the agent install does not install it there.
    expect(await soar.connectors.resolveVersion(name)).toBeUndefined();
    await soar.agents.uninstallConnector(agent, { name, version: '6.1.0' });
    expect(await soar.agents.connectorStatus({ name, version: '6.1.0' })).toEqual([]);
    await expect(soar.agents.uninstallConnector(agent, { name, version: '6.1.0' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(soar.agents.installConnector(agent, { name, version: '9.9.9' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });
});
