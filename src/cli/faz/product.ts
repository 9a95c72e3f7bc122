import { commonSettings, type ProductSpec } from '../connection/spec.js';

/** FortiAnalyzer's connection settings. */
export const FAZ_PRODUCT: ProductSpec = {
  id: 'fortianalyzer',
  group: 'faz',
  title: 'FortiAnalyzer',
  settings: [
    { key: 'url', description: 'FortiAnalyzer address, e.g. https://faz.example.com' },
    {
      key: 'auth',
      choices: ['session', 'api-key', 'cloud'],
      description: 'login kind (default: api-key when an API key is set, else session)',
    },
    { key: 'username', description: 'admin user of a session login' },
    { key: 'password', secret: true, description: 'password' },
    { key: 'api-key', secret: true, description: 'API key (FortiAnalyzer >= 7.4.7 / 7.6.2)' },
    { key: 'access-user', description: 'API user for the access_user header' },
    { key: 'cloud-auth-url', description: 'FortiCloud OAuth service of a FortiAnalyzer Cloud login' },
    { key: 'adom', description: 'ADOM of every call (default root)' },
    { key: 'time-zone', description: 'zone of times written without one, e.g. Europe/Paris (default UTC)' },
    {
      key: 'via-fmg',
      kind: 'boolean',
      description:
        'send the calls through a FortiManager with FortiAnalyzer features, logged in with the fmg settings (FORTIX_FMG_*, --fmg-profile); the FortiAnalyzer url and login are then not used',
    },
    { key: 'fmg-profile', description: 'the fmg profile of --via-fmg (default: the default fmg profile)' },
    ...commonSettings(),
  ],
};
