import { FortiAuthenticator } from '../../fortiauthenticator/index.js';
import type { Simulator } from '../../simulator/index.js';
import { debugOptions } from '../debug.js';
import { fact, step } from './say.js';
import type { DemoStep } from './step.js';

/** The FortiAuthenticator main jobs: a user with a FortiToken in a group, listed with a filter. */
export const fortiAuthenticatorDemo: DemoStep = async (sim: Simulator) => {
  step(`FortiAuthenticator at ${sim.fortiauthenticator.url} (HTTP Basic with the web-service access key)`);
  const { username, apiKey } = sim.fortiauthenticator.credentials;
  await using fac = new FortiAuthenticator({
    ...debugOptions(),
    url: sim.fortiauthenticator.url,
    username,
    apiKey,
    tls: sim.fingerprint256 ? { fingerprint: sim.fingerprint256 } : undefined,
  });
  await fac.resource('usergroups').create({ name: 'VPN-Users' });
  const created = await fac.users.create({
    username: 'alice',
    email: 'alice@example.com',
    token: 'ftm',
    groups: ['VPN-Users'],
  });
  fact(
    `user ${created.user.username} created with FortiToken Mobile ${created.token} (activation ${created.activation})`,
  );
  fact(`member of ${created.groups.length} group: VPN-Users`);
  const found = [];
  for await (const user of fac.resource('localusers').iterate({ filter: { username__icontains: 'ali' } })) {
    found.push(user.username);
  }
  fact(`localusers matching username__icontains=ali: ${found.join(', ')}`);
  return `user ${created.user.username} with FortiToken ${created.token} in VPN-Users, found by a filter`;
};
