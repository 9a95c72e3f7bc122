import { FortiCare } from '../../forticare/index.js';
import type { Simulator } from '../../simulator/index.js';
import { debugOptions } from '../debug.js';
import { fact, step } from './say.js';
import type { DemoStep } from './step.js';

const UNITS = 35;

/** The FortiCare main jobs, end to end against the simulator. */
export const fortiCareDemo: DemoStep = async (sim: Simulator) => {
  step('FortiCare Asset Management V3 (FortiCloud OAuth, documented rate limits kept by the client)');
  const { username, password } = sim.forticloud.defaultUser;
  await using fc = new FortiCare({
    ...debugOptions(),
    url: sim.forticare.url,
    authUrl: sim.forticloud.url,
    username,
    password,
    tls: sim.fingerprint256 ? { fingerprint: sim.fingerprint256 } : undefined,
  });
  const serials = sim.forticare.addInventory(UNITS);
  const contracts = serials.map(() => sim.forticare.addContract({ kind: 'support' }));
  // One unit carries a contract that does not exist: FortiCare refuses that unit, not the batch.
  contracts[21] = 'NO-SUCH-CONTRACT-21';
  const result = await fc.products.register({
    registrationUnits: serials.map((serialNumber, i) => ({
      serialNumber,
      contractNumber: contracts[i],
      description: `demo unit ${i}`,
    })),
  });
  fact(`${UNITS} units registered in ${result.batches} batches of at most 10:`);
  fact(`  ${result.succeeded.length} succeeded, ${result.failed.length} failed`);
  for (const failure of result.failed) fact(`  ✗ ${failure.serialNumber}: ${failure.message}`);

  const first = serials[0]!;
  const details = await fc.products.details(first);
  fact(`${first}: ${details.productModel}, ${details.entitlements.length} entitlements`);

  let listed = 0;
  for await (const _ of fc.products.iterate({ serialNumber: `${first.slice(0, 4)}%` })) listed++;
  fact(`products.iterate walked ${listed} products page by page`);

  const vm = await fc.licenses.register({ licenseRegistrationCode: sim.forticare.addLicenseCode() });
  const file = await fc.licenses.download(vm.serialNumber);
  fact(`VM license ${file.fileName}: ${file.content.length} bytes, ready to save`);

  const stats = sim.forticare.stats();
  fact(
    `FortiCare saw ${stats.calls} calls, ${stats.errors} errors, ${stats.violations} rate-limit violations`,
  );
  return (
    `${result.succeeded.length} of ${UNITS} units registered (${result.failed.length} refused), ` +
    `${listed} listed, a VM license downloaded, ${stats.violations} rate-limit violations`
  );
};
