/**
 * Type tests: the seed examples (test/fixtures/seeds) fit the generated types, overrides included
 * (checked by `npm run typecheck`).
 */
import type { ObjectOf, WriteData } from '../../src/fortimanager/catalog/types.js';
import { accepts } from './expect.js';

type Addresses = '/pm/config/adom/{adom}/obj/firewall/address';
type Address = '/pm/config/adom/{adom}/obj/firewall/address/{address}';

// seed 001: add with a prefix-length subnet
accepts<WriteData<Addresses, 'add'>>({ name: 'host_1001', subnet: '10.0.0.2/32' });
// seed 001: get of one address returns [ip, mask]
accepts<ObjectOf<Address>>({ name: 'host_001', subnet: ['21.103.33.206', '255.255.255.255'] });
// @ts-expect-error read back, subnet is never the prefix form
accepts<ObjectOf<Address>>({ subnet: '10.0.0.2/32' });
// seed 003: a row with a per-device mapping (the facts alone say str for subnet, wildcard, country, sdn)
accepts<ObjectOf<Addresses>>({
  name: 'host_001',
  list: null,
  tagging: null,
  dynamic_mapping: [
    {
      _scope: [{ name: 'dc_emea_dev_001', vdom: 'root' }],
      'allow-routing': 'disable',
      comment: null,
      country: [],
      dirty: 'dirty',
      fqdn: null,
      'fsso-group': [],
      macaddr: [],
      'obj-type': 'ip',
      sdn: [],
      'sdn-addr-type': 'private',
      'sub-type': 'sdn',
      subnet: ['10.1.0.1', '255.255.255.255'],
      type: 'ipmask',
      uuid: '69da87b4-88b1-51ee-6922-a01ab7807499',
      wildcard: ['0.0.0.0', '0.0.0.0'],
    },
  ],
});
// seed 001 (Setting Scope): a device group, explicit form
accepts<WriteData<`${Address}/dynamic_mapping`, 'add'>>({
  _scope: [{ name: 'dev_grp_001', 'is group': true }],
});
// seed 001: install device settings
accepts<WriteData<'/securityconsole/install/device', 'exec'>>({
  adom: 'FOOBAR',
  dev_rev_comments: 'A comment',
  flags: ['none'],
  scope: [{ name: 'FG600C-194-77', vdom: 'root' }],
});
// seed 003: dvmdb device rows carry null sub-tables
accepts<ObjectOf<'/dvmdb/device'>>({ name: 'adom_62_device_001', ha_slave: null });
