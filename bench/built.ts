/**
 * The benchmarks measure the built package, what users run: the compiled JavaScript in `dist/`,
 * loaded at run time (`npm run bench` builds first) and typed by its sources, so that type checks
 * need no build. Measuring the sources through tsx would add its transform's helpers (a
 * `__name` call per closure created) to every client call and to none of the raw ones.
 */
interface Modules {
  'fortimanager/index.js': typeof import('../src/fortimanager/index.js');
  'forticare/index.js': typeof import('../src/forticare/index.js');
  'fortisoar/index.js': typeof import('../src/fortisoar/index.js');
  'fortiauthenticator/index.js': typeof import('../src/fortiauthenticator/index.js');
  'fortianalyzer/index.js': typeof import('../src/fortianalyzer/index.js');
  'simulator/index.js': typeof import('../src/simulator/index.js');
  'redis/index.js': typeof import('../src/redis/index.js');
  'core/rate-limit.js': typeof import('../src/core/rate-limit.js');
}

/** One module of the built package. */
export function loadBuilt<K extends keyof Modules>(module: K): Promise<Modules[K]> {
  return import(new URL(`../dist/${module}`, import.meta.url).href) as Promise<Modules[K]>;
}
