/**
 * FortiAnalyzer versions the simulator can play, and how each one treats log searches. What differs
 * (facts from the sources in `specs/fortianalyzer/README.md`): search ids are single-use from 7.4
 * on; 7.4 and 7.6 reap an id fetched before its scan completes, and answer progress on
 * `logsearch/count/{tid}`, which 8.0 refuses; `/sys/status` names the time zone `Time Zone` or `TZ`
 * depending on the build.
 */
import type { SearchProfile } from './logs/search.js';

export type FazVersion = '7.2' | '7.4' | '7.6' | '8.0';

export interface VersionProfile extends SearchProfile {
  /** The `Version` of `/sys/status`. */
  readonly banner: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly build: number;
  /** The key `/sys/status` gives the time zone under. */
  readonly zoneKey: 'TZ' | 'Time Zone';
}

export const VERSION_PROFILES: Readonly<Record<FazVersion, VersionProfile>> = {
  '7.2': {
    banner: 'v7.2.10-build1706 250305 (GA.M)',
    major: 7,
    minor: 2,
    patch: 10,
    build: 1706,
    zoneKey: 'Time Zone',
    countEndpoint: true,
    partialFetchReaps: false,
    fetchesPerTid: Number.POSITIVE_INFINITY,
  },
  '7.4': {
    banner: 'v7.4.7-build2670 250409 (GA.M)',
    major: 7,
    minor: 4,
    patch: 7,
    build: 2670,
    zoneKey: 'Time Zone',
    countEndpoint: true,
    partialFetchReaps: true,
    fetchesPerTid: 1,
  },
  '7.6': {
    banner: 'v7.6.5-build3653 251215 (GA.M)',
    major: 7,
    minor: 6,
    patch: 5,
    build: 3653,
    zoneKey: 'TZ',
    countEndpoint: true,
    partialFetchReaps: true,
    fetchesPerTid: 1,
  },
  '8.0': {
    banner: 'v8.0.0-build0101 260301 (GA)',
    major: 8,
    minor: 0,
    patch: 0,
    build: 101,
    zoneKey: 'TZ',
    countEndpoint: false,
    partialFetchReaps: false,
    fetchesPerTid: 1,
  },
};
