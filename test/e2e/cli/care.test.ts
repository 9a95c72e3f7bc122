import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { careEnv, json, sandbox } from './harness.js';

let sim: Simulator;
const cli = sandbox();
const care = (args: string[], input?: string) => cli.run(['care', ...args], { env: careEnv(sim), input });

beforeAll(async () => {
  sim = await startSimulator({ products: ['forticare'], forticare: { enforceLimits: false } });
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

interface Row {
  serialNumber: string;
  ok: boolean;
  kind?: string;
}

describe('fortix care products', () => {
  it('lists one page, iterates all, and shows details', async () => {
    const list = await care(['products', 'list', '--serial', 'F%']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/page 1 of \d+/);
    const page = json<Array<{ serialNumber: string }>>(list);
    expect(page.length).toBeGreaterThan(0);

    const all = await care(['products', 'iterate', '--serial', 'F%', '-o', 'jsonl']);
    const serials = all.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { serialNumber: string }).serialNumber);
    expect(serials.length).toBeGreaterThanOrEqual(page.length);

    const details = json<{ serialNumber: string; entitlements: unknown[] }>(
      await care(['products', 'details', serials[0]!]),
    );
    expect(details.serialNumber).toBe(serials[0]);
    expect(details.entitlements.length).toBeGreaterThan(0);
    expect((await care(['products', 'list'])).code).toBe(2);
  });

  it('registers a batch with one failing unit: a row per unit and exit code 3', async () => {
    const serials = sim.forticare.addInventory(12);
    const units = serials.map((serialNumber, i) => ({
      serialNumber,
      contractNumber: i === 4 ? 'NO-SUCH-CONTRACT' : sim.forticare.addContract({ kind: 'support' }),
    }));
    const run = await care(['products', 'register', '--data', '-'], JSON.stringify(units));
    expect(run.code, run.stderr).toBe(3);
    const rows = json<Row[]>(run);
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => !r.ok).map((r) => r.serialNumber)).toEqual([serials[4]]);
    expect(run.stderr).toContain('11 registered, 1 failed');
    expect(sim.forticare.asset(serials[0]!)?.status).toBe('Registered');
  });

  it('registers one unit from flags, then sets its description, location, folder, and decommissions it', async () => {
    const [serial] = sim.forticare.addInventory(1);
    const contract = sim.forticare.addContract({ kind: 'support' });
    const register = await care(['products', 'register', '--serial', serial!, '--contract', contract]);
    expect(register.code, register.stderr).toBe(0);
    expect((await care(['products', 'description', serial!, 'lab unit'])).code).toBe(0);
    const location = await care([
      'products',
      'location',
      serial!,
      '--data',
      '{"company":"ACME","countryCode":"FR","city":"Paris"}',
    ]);
    expect(location.code, location.stderr).toBe(0);
    const folder = json<{ folderId: number }>(await care(['folders', 'create', 'cli-folder']));
    const move = await care(['products', 'folder', String(folder.folderId), serial!]);
    expect(move.code, move.stderr).toBe(0);
    expect(sim.forticare.asset(serial!)).toMatchObject({
      description: 'lab unit',
      folderId: folder.folderId,
    });
    expect(sim.forticare.asset(serial!)?.location).toMatchObject({ company: 'ACME', countryCode: 'FR' });
    const decommission = await care(['products', 'decommission', serial!]);
    expect(json<Row[]>(decommission)).toEqual([expect.objectContaining({ serialNumber: serial, ok: true })]);
  });

  it('transfers between accounts as an Organization user, per unit; a local user gets exit code 4', async () => {
    const target = sim.forticare.addAccount('Other Co');
    const source = sim.forticare.defaultAccountId;
    const org = sim.forticloud.addApiUser({ scope: 'org', accountIds: [source, target] });
    const [serial] = sim.forticare.seedAssets(1);
    const args = [
      'care',
      'products',
      'transfer',
      serial!,
      'FGT60FTK0000NONE',
      '--from',
      String(source),
      '--to',
      String(target),
    ];
    const env = {
      ...careEnv(sim),
      FORTIX_CARE_USERNAME: org.username,
      FORTIX_CARE_PASSWORD: org.password,
      FORTIX_CARE_ACCOUNT_ID: String(source),
    };
    const run = await cli.run(args, { env });
    const rows = json<Row[]>(run);
    expect(rows.find((r) => r.serialNumber === serial)?.ok).toBe(true);
    expect(rows.find((r) => r.serialNumber === 'FGT60FTK0000NONE')?.ok).toBe(false);
    expect(run.code, run.stderr).toBe(3);
    expect(sim.forticare.asset(serial!)?.accountId).toBe(target);

    const local = await care(args.slice(1));
    expect(local.code, local.stderr).toBe(4);
    expect(local.stderr).toContain('FORTICARE_PERMISSION_DENIED');
  });
});

describe('fortix care licenses, contracts, folders, services', () => {
  it('registers a VM license, lists it and downloads its file', async () => {
    const code = sim.forticare.addLicenseCode();
    const registered = json<{ serialNumber: string }>(await care(['licenses', 'register', code]));
    const licenses = json<Array<{ serialNumber: string }>>(await care(['licenses', 'list']));
    expect(licenses.map((l) => l.serialNumber)).toContain(registered.serialNumber);
    const file = join(cli.dir, 'vm.lic');
    const download = await care(['licenses', 'download', registered.serialNumber, '--file', file]);
    expect(download.code, download.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('LICENSE');
    const stdout = await care(['licenses', 'download', registered.serialNumber, '--file', '-']);
    expect(stdout.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('lists contracts, creates and deletes folders, registers a service', async () => {
    const contracts = json<Array<{ contractNumber: string }>>(await care(['contracts', 'list']));
    expect(contracts.length).toBeGreaterThan(0);
    const folder = json<{ folderId: number; folderName: string }>(
      await care(['folders', 'create', 'tmp-folder']),
    );
    expect(
      json<Array<{ folderId: number }>>(await care(['folders', 'list'])).map((f) => f.folderId),
    ).toContain(folder.folderId);
    expect((await care(['folders', 'delete', String(folder.folderId)])).code).toBe(0);
    expect(
      json<Array<{ folderId: number }>>(await care(['folders', 'list'])).map((f) => f.folderId),
    ).not.toContain(folder.folderId);
    const service = await care(['services', 'register', sim.forticare.addContract({ kind: 'service' })]);
    expect(service.code, service.stderr).toBe(0);
    expect(json<{ serialNumber: string }>(service).serialNumber).toEqual(expect.any(String));
  });
});
