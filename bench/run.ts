/**
 * `npm run bench`: every benchmark, measured in one run against the embedded simulator, printed as
 * ratios against the floor (a raw undici loop against the same simulator). Not a timed test.
 */
import { runBundleSizeBench } from './bundle-size.js';
import { runFortiCareBench } from './forticare.js';
import { runFortiManagerBench } from './fortimanager.js';

const only = process.argv.slice(2);
const selected = (name: string) => only.length === 0 || only.includes(name);

if (selected('fortimanager')) await runFortiManagerBench();
if (selected('forticare')) await runFortiCareBench();
if (selected('bundle')) await runBundleSizeBench();
