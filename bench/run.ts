/**
 * `npm run bench`: every benchmark, measured in one run against the embedded simulators, printed as
 * ratios against the floor (a raw undici loop against the same simulator). Not a timed test.
 * `npm run bench -- <name> ...` runs only the named ones.
 */
import { runBundleSizeBench } from './bundle-size.js';
import { runColdStartBench } from './cold-start.js';
import { runFortiAnalyzerBench } from './fortianalyzer.js';
import { runFortiAuthenticatorBench } from './fortiauthenticator.js';
import { runFortiCareBench } from './forticare.js';
import { runFortiManagerBench } from './fortimanager.js';
import { runFortiSoarBench } from './fortisoar.js';
import { runRedisBench } from './redis.js';

const BENCHES: Record<string, () => Promise<unknown>> = {
  fortimanager: () => runFortiManagerBench(),
  forticare: () => runFortiCareBench(),
  fortisoar: () => runFortiSoarBench(),
  fortiauthenticator: () => runFortiAuthenticatorBench(),
  fortianalyzer: () => runFortiAnalyzerBench(),
  redis: () => runRedisBench(),
  bundle: () => runBundleSizeBench(),
  'cold-start': () => runColdStartBench(),
};

const only = process.argv.slice(2);
for (const name of only) {
  if (!(name in BENCHES))
    throw new Error(`Unknown benchmark '${name}'; choose from ${Object.keys(BENCHES).join(', ')}`);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length === 0 || only.includes(name)) await run();
}
