import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FortiCareInvalidRequestError,
  FortiCareOperationError,
  FortiCarePermissionError,
} from '../../../src/forticare/index.js';
import { type Harness, harness, rejection } from './harness.js';

describe('FortiCare client against the simulator: every endpoint', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await harness({ forticare: { pageSize: 10, seedAssets: 25 } });
  });

  afterAll(() => h.close());

  it('products.list pages with pageNumber/totalPages and products.iterate walks every page', async () => {
    const fc = h.client();
    const first = await fc.products.list({ serialNumber: '%' });
    expect(first.pageNumber).toBe(1);
    expect(first.totalPages).toBe(3);
    expect(first.assets).toHaveLength(10);
    expect(first).not.toHaveProperty('token');
    const all: string[] = [];
    for await (const asset of fc.products.iterate({ expireBefore: new Date(Date.UTC(2100, 0, 1)) }))
      all.push(asset.serialNumber);
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
    const fgt = await fc.products.list({ serialNumber: 'FGT60F%' });
    expect(fgt.assets.every((a) => a.serialNumber.startsWith('FGT60F'))).toBe(true);
  });

  it('products.details returns entitlements and contracts; an unknown serial is a typed error', async () => {
    const fc = h.client();
    const [serial] = h.sim.forticare.seedAssets(1);
    const details = await fc.products.details(serial!);
    expect(details.serialNumber).toBe(serial);
    expect(details.contracts[0]?.terms[0]?.supportType).toBeTruthy();
    expect(details.entitlements.length).toBeGreaterThan(0);
    const error = await rejection(fc.products.details('FGT60FTK99999999'));
    expect(error).toBeInstanceOf(FortiCareOperationError);
    expect((error as FortiCareOperationError).errorCode).toBe(301);
  });

  it('products.register registers units, applies contracts and stores inline locations', async () => {
    const fc = h.client();
    const [serial] = h.sim.forticare.addInventory(1);
    const contract = h.sim.forticare.addContract();
    const result = await fc.products.register({
      registrationUnits: [
        {
          serialNumber: serial!,
          contractNumber: contract,
          description: 'Branch 12',
          location: { ref: '#/locations/0' },
        },
      ],
      locations: [{ company: 'ACME', city: 'Sunnyvale', stateOrProvince: 'CA', countryCode: 'US' }],
    });
    expect(result.ok).toBe(true);
    expect(result.succeeded[0]?.serialNumber).toBe(serial);
    const asset = h.sim.forticare.asset(serial!);
    expect(asset?.description).toBe('Branch 12');
    expect(asset?.location?.countryCode).toBe('US');
    expect(asset?.contracts.map((c) => c.contractNumber)).toEqual([contract]);
    const [registered] = await fc.contracts.list({ contractNumber: contract });
    expect(registered?.status).toBe('Registered');
    expect(registered?.serialNumber).toBe(serial);
  });

  it('products.description and products.location update one product', async () => {
    const fc = h.client();
    const [serial] = h.sim.forticare.seedAssets(1);
    await fc.products.description({ serialNumber: serial!, description: 'Core firewall' });
    await fc.products.location({
      serialNumber: serial!,
      location: { city: 'Paris', countryCode: 'FR', phone: '+33 140000000' },
    });
    const asset = h.sim.forticare.asset(serial!);
    expect(asset?.description).toBe('Core firewall');
    expect(asset?.location).toEqual({ city: 'Paris', countryCode: 'FR', phone: '+33 140000000' });
  });

  it('folders.create/list/delete keep a tree; products.folder moves products; a non-empty folder is not deleted', async () => {
    const fc = h.client();
    const emea = await fc.folders.create({ folderName: 'EMEA' });
    const paris = await fc.folders.create({ folderName: 'Paris', parentFolderId: emea.folderId });
    expect(paris.folderPath).toBe('/My Assets/EMEA/Paris');
    expect((await fc.folders.list()).map((f) => f.folderPath)).toEqual(
      expect.arrayContaining(['/My Assets', '/My Assets/EMEA', '/My Assets/EMEA/Paris']),
    );
    const serials = h.sim.forticare.seedAssets(2);
    const moved = await fc.products.folder({ folderId: paris.folderId, serialNumbers: serials });
    expect(moved.ok).toBe(true);
    expect(h.sim.forticare.asset(serials[0]!)?.folderPath).toBe('/My Assets/EMEA/Paris');
    const notEmpty = await rejection(fc.folders.delete({ folderId: emea.folderId }));
    expect(notEmpty).toBeInstanceOf(FortiCareOperationError);
    expect((notEmpty as Error).message).toContain('not empty');
    const root = h.sim.forticare.folders().find((f) => f.parentFolderId === null)!;
    await fc.products.folder({ folderId: root.folderId, serialNumbers: serials });
    await fc.folders.delete({ folderId: paris.folderId });
    await fc.folders.delete({ folderId: emea.folderId });
    expect(h.sim.forticare.folders().map((f) => f.folderName)).toEqual(['My Assets']);
  });

  it('products.decommission returns per-product results, including the refused ones', async () => {
    const fc = h.client();
    const serials = h.sim.forticare.seedAssets(2);
    const first = await fc.products.decommission({ serialNumbers: [serials[0]!] });
    expect(first.ok).toBe(true);
    expect(h.sim.forticare.asset(serials[0]!)?.isDecommissioned).toBe(true);
    const second = await fc.products.decommission({ serialNumbers: serials });
    expect(second.succeeded.map((s) => s.serialNumber)).toEqual([serials[1]]);
    expect(second.failed).toMatchObject([{ serialNumber: serials[0], kind: 'rejected', status: 2 }]);
    expect(second.failed[0]?.message).toContain('already decommissioned');
  });

  it('products.transfer moves products between accounts of an Organization', async () => {
    const target = h.sim.forticare.addAccount('Subsidiary');
    const source = h.sim.forticare.defaultAccountId;
    const orgUser = h.sim.forticloud.addApiUser({ scope: 'org', accountIds: [source, target] });
    const fc = h.client({ username: orgUser.username, password: orgUser.password, accountId: source });
    const serials = h.sim.forticare.seedAssets(3);
    const result = await fc.products.transfer({
      sourceAccountId: source,
      targetAccountId: target,
      serialNumbers: serials,
    });
    expect(result.succeeded).toHaveLength(3);
    expect(h.sim.forticare.asset(serials[2]!)?.accountId).toBe(target);
    const inTarget = await fc.products.list({ serialNumber: '%', accountId: target });
    expect(inTarget.assets.map((a) => a.serialNumber).sort()).toEqual([...serials].sort());
    const local = h.client();
    const denied = await rejection(
      local.products.transfer({ sourceAccountId: source, targetAccountId: target, serialNumbers: serials }),
    );
    expect(denied).toBeInstanceOf(FortiCarePermissionError);
  });

  it('licenses.register creates a VM, licenses.list shows it, licenses.download returns the file ready to save', async () => {
    const fc = h.client();
    const code = h.sim.forticare.addLicenseCode();
    expect((await fc.licenses.list({ status: 'Pending' })).length).toBeGreaterThan(0);
    const vm = await fc.licenses.register({ licenseRegistrationCode: code, description: 'lab VM' });
    expect(vm.productModel).toBe('FortiGate-VM02');
    expect(vm.license?.licenseSKU).toBe('FG-VM02');
    const licenses = await fc.licenses.list({ status: 'Registered' });
    expect(licenses.map((l) => l.serialNumber)).toContain(vm.serialNumber);
    const file = await fc.licenses.download(vm.serialNumber);
    expect(file.fileName).toBe(`${vm.serialNumber}.lic`);
    expect(file.content.startsWith('-----BEGIN FGT VM LICENSE-----')).toBe(true);
    expect(file.content.trimEnd().endsWith('-----END FGT VM LICENSE-----')).toBe(true);
    const again = await rejection(fc.licenses.register({ licenseRegistrationCode: code }));
    expect(again).toBeInstanceOf(FortiCareOperationError);
    const hardware = await rejection(fc.licenses.download(h.sim.forticare.seedAssets(1)[0]!));
    expect((hardware as FortiCareOperationError).envelopeStatus).toBe(-2);
    expect((hardware as Error).message).toContain('not supported');
  });

  it('services.register turns a subscription contract into a new product; contracts.list follows', async () => {
    const fc = h.client();
    const contract = h.sim.forticare.addContract({ kind: 'service' });
    expect((await fc.contracts.list({ status: 'Pending' })).map((c) => c.contractNumber)).toContain(contract);
    const vm = await fc.services.register({ contractNumber: contract, description: 'VM-S' });
    expect(vm.serialNumber).toMatch(/^FGVMSL/);
    expect(vm.contracts[0]?.contractNumber).toBe(contract);
    const [after] = await fc.contracts.list({ contractNumber: contract });
    expect(after?.status).toBe('Registered');
  });

  it('a read-only API user can read but not change anything', async () => {
    const reader = h.sim.forticloud.addApiUser({ profile: 'read' });
    const fc = h.client({ username: reader.username, password: reader.password });
    expect((await fc.folders.list()).length).toBeGreaterThan(0);
    const error = await rejection(fc.folders.create({ folderName: 'Nope' }));
    expect(error).toBeInstanceOf(FortiCarePermissionError);
    expect((error as FortiCarePermissionError).status).toBe(403);
  });

  it('an Organization-scope user must name the account', async () => {
    const orgUser = h.sim.forticloud.addApiUser({ scope: 'org' });
    const fc = h.client({ username: orgUser.username, password: orgUser.password });
    const error = await rejection(fc.folders.list());
    expect(error).toBeInstanceOf(FortiCareInvalidRequestError);
    expect((error as Error).message).toContain('accountId is required');
    const withAccount = h.client({
      username: orgUser.username,
      password: orgUser.password,
      accountId: h.sim.forticare.defaultAccountId,
    });
    expect((await withAccount.folders.list()).length).toBeGreaterThan(0);
  });
});
