import { commonSettings, type ProductSpec } from '../connection/spec.js';

/** FortiSOAR connection settings: a login (JWT), an API key or an HMAC key pair. */
export const SOAR_PRODUCT: ProductSpec = {
  id: 'fortisoar',
  group: 'soar',
  title: 'FortiSOAR',
  settings: [
    { key: 'url', description: 'FortiSOAR address, e.g. https://soar.example.com' },
    { key: 'username', description: 'login id of a user (JWT login)' },
    { key: 'password', secret: true, description: "the user's password" },
    { key: 'api-key', secret: true, description: 'API key (Authorization: API-KEY)' },
    { key: 'public-key', description: 'public key of an HMAC key pair (signed requests)' },
    { key: 'private-key', secret: true, description: 'private key of an HMAC key pair' },
    ...commonSettings(),
  ],
};
