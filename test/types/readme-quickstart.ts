/** The README's quick start, kept compiling (checked by `npm run typecheck`, never run). */
import { FortiCare } from '../../src/forticare/index.js';
import { FortiManager, f } from '../../src/fortimanager/index.js';

export async function quickStart(): Promise<void> {
  await using fmg = new FortiManager({
    url: 'https://fmg.example.com',
    apiKey: process.env.FMG_API_KEY,
    adom: 'root',
    tls: { fingerprint: process.env.FMG_CERT_SHA256 },
  });
  const hosts = await fmg.get('/pm/config/adom/{adom}/obj/firewall/address', {
    fields: ['name', 'subnet'],
    filter: f.like('name', 'host_%'),
  });
  hosts.map((h) => h.subnet);
  await fmg.workspace.withLock('root', async () => {
    await fmg.add('/pm/config/adom/{adom}/obj/firewall/address', {
      data: { name: 'web01', type: 'ipmask', subnet: '10.0.0.10/32' },
    });
  });

  await using fc = new FortiCare({ username: process.env.FC_API_ID, password: process.env.FC_API_PASSWORD });
  for await (const asset of fc.products.iterate({ expireBefore: '2027-01-01T00:00:00Z' })) {
    console.log(asset.serialNumber, asset.productModel);
  }
}
