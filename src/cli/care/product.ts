import { commonSettings, type ProductSpec } from '../connection/spec.js';

/** FortiCare Asset Management V3 (FortiCloud OAuth) connection settings. */
export const CARE_PRODUCT: ProductSpec = {
  id: 'forticare',
  group: 'care',
  title: 'FortiCare',
  settings: [
    { key: 'url', description: 'Asset Management V3 API (default https://support.fortinet.com)' },
    { key: 'auth-url', description: 'FortiCloud OAuth (default https://customerapiauth.fortinet.com)' },
    { key: 'username', description: 'IAM API user id ("API ID")' },
    { key: 'password', secret: true, description: 'IAM API user password' },
    { key: 'account-id', kind: 'integer', description: 'account to act on (Organization-scope API users)' },
    ...commonSettings(),
  ],
};
