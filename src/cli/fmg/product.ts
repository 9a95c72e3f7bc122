import { commonSettings, type ProductSpec } from '../connection/spec.js';

/** FortiManager's connection settings; the aliases are the Terraform provider's variables. */
export const FMG_PRODUCT: ProductSpec = {
  id: 'fortimanager',
  group: 'fmg',
  title: 'FortiManager',
  settings: [
    {
      key: 'url',
      description: 'FortiManager address, e.g. https://fmg.example.com',
      aliases: ['FORTIMANAGER_ACCESS_HOSTNAME'],
    },
    {
      key: 'auth',
      choices: ['session', 'api-key', 'cloud'],
      description: 'login kind (default: api-key when an API key is set, else session)',
    },
    {
      key: 'username',
      description: 'admin user of a session login',
      aliases: ['FORTIMANAGER_ACCESS_USERNAME'],
    },
    { key: 'password', secret: true, description: 'password', aliases: ['FORTIMANAGER_ACCESS_PASSWORD'] },
    {
      key: 'api-key',
      secret: true,
      description: 'API key (FortiManager >= 7.2.2)',
      aliases: ['FORTIMANAGER_ACCESS_TOKEN'],
    },
    { key: 'access-user', description: 'API user for the access_user header (FortiManager >= 7.6.7)' },
    { key: 'cloud-auth-url', description: 'FortiCloud OAuth service of a FortiManager Cloud login' },
    { key: 'adom', description: 'ADOM that fills {adom} in URL templates' },
    ...commonSettings({ caFile: ['FORTIMANAGER_CA_CABUNDLE'], insecure: ['FORTIMANAGER_INSECURE'] }),
  ],
};
