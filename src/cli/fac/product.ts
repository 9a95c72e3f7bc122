import { commonSettings, type ProductSpec } from '../connection/spec.js';

/** FortiAuthenticator connection settings: Basic auth with the web-service access key, or OAuth. */
export const FAC_PRODUCT: ProductSpec = {
  id: 'fortiauthenticator',
  group: 'fac',
  title: 'FortiAuthenticator',
  settings: [
    { key: 'url', description: 'FortiAuthenticator address, e.g. https://fac.example.com' },
    { key: 'username', description: 'admin user' },
    { key: 'api-key', secret: true, description: "the admin's web-service access key (HTTP Basic)" },
    {
      key: 'client-id',
      description: 'OAuth application client id (OAuth instead of Basic, with --password)',
    },
    { key: 'password', secret: true, description: "the admin's password (OAuth password grant)" },
    ...commonSettings(),
  ],
};
