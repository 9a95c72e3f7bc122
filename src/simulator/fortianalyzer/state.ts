import type { SimContext } from '../context.js';
import { SessionStore } from '../fortimanager/sessions.js';
import { Admins } from './admins.js';
import { Alerts } from './events/alerts.js';
import { Incidents } from './events/incidents.js';
import { FortiViews } from './fortiview.js';
import type { SimAdom } from './inventory.js';
import { ScanCache } from './logs/scan.js';
import { LogSearches, type SearchLimits } from './logs/search.js';
import { type LogRates, LogStore } from './logs/store.js';
import { Reports } from './reports/reports.js';
import { type FazVersion, VERSION_PROFILES, type VersionProfile } from './version.js';

export interface FazStateOptions {
  readonly adoms: readonly SimAdom[];
  readonly version: FazVersion;
  readonly systemZone: string;
  readonly idleTimeoutMs: number;
  readonly historySec: number;
  readonly rates: LogRates;
  readonly latePerMille: number;
  readonly limits: SearchLimits;
  readonly reportMs: number;
  readonly alertsPerDay: number;
}

/** Everything a simulated FortiAnalyzer knows; handlers read and change it. */
export class FazState {
  readonly ctx: SimContext;
  readonly adoms: ReadonlyMap<string, SimAdom>;
  readonly admins = new Admins();
  readonly sessions: SessionStore;
  readonly apiKeys = new Map<string, string>();
  readonly store: LogStore;
  readonly searches: LogSearches;
  readonly views: FortiViews;
  readonly reports: Reports;
  readonly alerts: Alerts;
  readonly incidents: Incidents;
  version: FazVersion;
  limits: SearchLimits;
  reportMs: number;
  readonly systemZone: string;
  requests = 0;

  constructor(ctx: SimContext, options: FazStateOptions) {
    this.ctx = ctx;
    this.version = options.version;
    this.limits = options.limits;
    this.reportMs = options.reportMs;
    this.systemZone = options.systemZone;
    this.adoms = new Map(options.adoms.map((adom) => [adom.name, adom]));
    this.sessions = new SessionStore(ctx.clock, options.idleTimeoutMs, () => {});
    const seed = Math.floor(ctx.random() * 0x7fffffff);
    const startSec = Math.floor(ctx.clock.now() / 1000);
    this.store = new LogStore({
      seed,
      startSec,
      historySec: options.historySec,
      rates: options.rates,
      latePerMille: options.latePerMille,
    });
    const scans = new ScanCache();
    const clock = ctx.clock;
    const base = { clock, store: this.store, scans, systemZone: options.systemZone };
    this.searches = new LogSearches({ ...base, profile: () => this.profile, limits: () => this.limits });
    this.views = new FortiViews({ ...base, limits: () => this.limits });
    this.reports = new Reports({ ...base, durationMs: () => this.reportMs });
    const history = { clock, seed, startSec, historySec: options.historySec, systemZone: options.systemZone };
    this.alerts = new Alerts({ ...history, store: this.store, perDay: options.alertsPerDay });
    this.incidents = new Incidents(history);
  }

  get profile(): VersionProfile {
    return VERSION_PROFILES[this.version];
  }
}
