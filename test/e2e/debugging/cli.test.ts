/** `fortix <group> whoami` and `--debug` (logBodies with a stderr logger), with the built binary. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { careEnv, fmgEnv, json, sandbox } from '../cli/harness.js';
import { WireTap } from '../fault-matrix/wire-tap.js';

let sim: Simulator;
let tap: WireTap;
const cli = sandbox();

beforeAll(async () => {
  sim = await startSimulator({ products: ['fortimanager', 'forticare', 'fortisoar', 'fortiauthenticator'] });
  tap = new WireTap(sim, []);
});

afterAll(async () => {
  await sim?.close();
  cli.remove();
});

const soarEnv = () => {
  const { username, password } = sim.fortisoar.credentials;
  return {
    FORTIX_SOAR_URL: sim.fortisoar.url,
    FORTIX_SOAR_USERNAME: username!,
    FORTIX_SOAR_PASSWORD: password!,
  };
};
const facEnv = () => {
  const { username, apiKey } = sim.fortiauthenticator.credentials;
  return {
    FORTIX_FAC_URL: sim.fortiauthenticator.url,
    FORTIX_FAC_USERNAME: username!,
    FORTIX_FAC_API_KEY: apiKey!,
  };
};

describe('fortix <group> whoami', () => {
  it('checks the credentials of every product and prints whose they are', async () => {
    const fmg = await cli.run(['fmg', 'whoami'], { env: fmgEnv(sim) });
    expect(json(fmg)).toMatchObject({ auth: 'session', user: 'admin', profile: 'Super_User' });
    expect(json<{ adoms: string[] }>(fmg).adoms).toContain('root');
    const care = await cli.run(['care', 'whoami'], { env: careEnv(sim) });
    expect(json(care)).toMatchObject({ user: sim.forticare.credentials.username, scope: 'read write' });
    const soar = await cli.run(['soar', 'whoami'], { env: soarEnv() });
    expect(json(soar)).toMatchObject({ auth: 'password', user: 'csadmin', name: 'CS Admin' });
    const fac = await cli.run(['fac', 'whoami', '-o', 'yaml'], { env: facEnv() });
    expect(fac.stdout).toContain('auth: basic');
  });

  it('exits with the auth code, without the secret, when the credentials are refused', async () => {
    const wrong = 'Wrong-Password-77';
    const run = await cli.run(['fmg', 'whoami'], { env: fmgEnv(sim, { FORTIX_FMG_PASSWORD: wrong }) });
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain('AUTH_ERROR');
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });
});

describe('fortix --debug', () => {
  it('logs every request and response body on stderr, secrets redacted, also those only a reply carries', async () => {
    const run = await cli.run(['--debug', 'soar', 'whoami'], { env: soarEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/→ POST http:\/\/127\.0\.0\.1:\d+\/auth\/authenticate/);
    expect(run.stderr).toContain('{"credentials":[REDACTED]}');
    expect(run.stderr).toMatch(/← 200 POST .*\/auth\/authenticate .*\n {2}\{"token":"\[REDACTED\]"\}/);
    expect(run.stderr).toMatch(/← 200 GET .*\/api\/3\/actors\/current .*\n {2}\{.*"@id":"\/api\/3\/people\//);
    const secrets = [...tap.secrets, sim.fortisoar.credentials.password!];
    expect(secrets.length).toBeGreaterThan(1);
    for (const secret of secrets) expect(run.stderr).not.toContain(secret);
    // The identity still goes to stdout, as JSON.
    expect(json(run)).toMatchObject({ user: 'csadmin' });
  });
});
