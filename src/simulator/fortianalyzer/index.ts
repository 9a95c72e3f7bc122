/**
 * The simulated FortiAnalyzer: JSON-RPC on `/jsonrpc` (the legacy envelope and JSON-RPC 2.0 with
 * `apiver: 3`) and FortiCloud login, with ADOMs and devices, a generated log store (more than half a
 * million traffic and event logs a day in `root`, made on demand from the seed, so start-up costs
 * nothing), log search tasks that progress over simulated time, FortiView aggregations, reports,
 * alerts and incidents, plus a control API for tests.
 *
 * A FortiManager started beside it (same `startSimulator()`) answers its URL families on its own
 * `/jsonrpc` from this state, as a FortiManager with FortiAnalyzer features does (`analytics`).
 *
 * Admins (password `fortinet`): `admin` (read-write) and `reader` (read only). The version played
 * (`version`, default 7.6) decides how search ids behave; see `version.ts`.
 *
 * @example
 * await using sim = await startSimulator({ products: ['fortianalyzer'] });
 * const { url, credentials } = sim.fortianalyzer;
 * sim.fortianalyzer.setVersion('8.0');
 */
import { randomBytes } from 'node:crypto';
import type { AnalyticsService } from '../analytics.js';
import type { SimContext } from '../context.js';
import type { FortiCloudSimulator } from '../forticloud/index.js';
import { asSimProduct, defineSimPlugin } from '../plugin.js';
import type { SimProduct, SimProductHandler } from '../types.js';
import { DEFAULT_PASSWORD } from './admins.js';
import { FazEndpoint, segmentsOf } from './endpoint.js';
import { isManagerFeature } from './handlers/routes.js';
import { DEFAULT_ADOMS, type SimAdom } from './inventory.js';
import { type LogFacts, loadLogFacts } from './logs/facts.js';
import { DEFAULT_LOG_RATES, type LogRates } from './logs/store.js';
import { FazState } from './state.js';
import type { FazVersion } from './version.js';

export type { SimAdom, SimLoggingDevice } from './inventory.js';
export type { LogRates } from './logs/store.js';
export type { FazVersion } from './version.js';

export interface FortiAnalyzerSimOptions {
  /** The version to play (default `7.6`): search id reuse, the count endpoint, `/sys/status` keys. */
  version?: FazVersion;
  /** The system time zone naive times fall back to (default `America/Los_Angeles`, as 8.0 GA ships). */
  timeZone?: string;
  /** Log history before start (default 24 hours). */
  historyHours?: number;
  /** Logs per second in `root` per log type (default: 6 traffic, 0.5 event, and a few UTM types). */
  logRates?: Partial<LogRates>;
  /** Logs in 1,000 indexed late, up to 30 minutes after their time (default 2). */
  lateLogsPerMille?: number;
  /** Simulated scan speed of searches and views (default 1,000,000 logs/s; `Infinity`: instant). */
  scanRowsPerSecond?: number;
  /** Concurrent log searches per ADOM (default 16). */
  maxSearches?: number;
  /** Idle time after which searches and views are dropped (default 10 minutes). */
  taskIdleMs?: number;
  /** Simulated time a report takes (default 2 s). */
  reportMs?: number;
  /** Login session idle timeout (default 15 minutes). */
  idleTimeoutMs?: number;
  /** Alerts per day in `root` (default 48). */
  alertsPerDay?: number;
  /** ADOMs and devices (default: `root` with four FortiGates, `dc_emea` with two). */
  adoms?: readonly SimAdom[];
}

export interface FortiAnalyzerSimStats {
  /** Live login sessions (API keys not counted). */
  sessions: number;
  /** Log searches holding a slot (not yet reaped, cancelled or expired). */
  searches: number;
  /** FortiView runs kept. */
  views: number;
  /** Reports still generating. */
  reports: number;
  /** JSON-RPC requests served. */
  requests: number;
}

export interface FortiAnalyzerSimulator {
  readonly handler: SimProductHandler;
  readonly adminPassword: string;
  /** A FortiCloud API user allowed on the `FortiAnalyzer` portal (for FortiAnalyzer Cloud login). */
  readonly cloudUser: { readonly username: string; readonly password: string };
  /** The ADOMs served. */
  readonly adoms: readonly SimAdom[];
  /**
   * Its log view, FortiView, events and reports as a FortiManager beside it serves them (FortiAnalyzer
   * features): the same store and ADOMs, for admins the FortiManager authenticated.
   */
  readonly analytics: AnalyticsService;
  /** A new API key for `user` (default `api_001`, a read-write API admin). */
  createApiKey(user?: string): string;
  stats(): FortiAnalyzerSimStats;
  /** Plays another version from now on. */
  setVersion(version: FazVersion): void;
  /** Changes search limits from now on. */
  setLimits(limits: { scanRowsPerSecond?: number; maxSearches?: number; taskIdleMs?: number }): void;
  /** The next `count` completed search fetches answer an empty page (a glitch recorded on 7.6.7). */
  injectEmptyPages(count: number): void;
  /** Ends every login session now. */
  expireSessions(): void;
  /** Drops every search, view and report run. */
  resetTasks(): void;
}

export async function createFortiAnalyzerSimulator(
  ctx: SimContext,
  cloud: FortiCloudSimulator,
  options: FortiAnalyzerSimOptions = {},
  facts?: LogFacts,
): Promise<FortiAnalyzerSimulator> {
  const adoms = options.adoms ?? DEFAULT_ADOMS;
  const state = new FazState(ctx, {
    adoms,
    version: options.version ?? '7.6',
    systemZone: options.timeZone ?? 'America/Los_Angeles',
    idleTimeoutMs: options.idleTimeoutMs ?? 15 * 60_000,
    historySec: Math.round((options.historyHours ?? 24) * 3600),
    rates: { ...DEFAULT_LOG_RATES, ...options.logRates },
    latePerMille: options.lateLogsPerMille ?? 2,
    limits: {
      scanRowsPerSecond: options.scanRowsPerSecond ?? 1_000_000,
      maxSearches: options.maxSearches ?? 16,
      idleMs: options.taskIdleMs ?? 10 * 60_000,
    },
    reportMs: options.reportMs ?? 2_000,
    alertsPerDay: options.alertsPerDay ?? 48,
  });
  const endpoint = new FazEndpoint(state, facts ?? (await loadLogFacts()), cloud);
  const cloudUser = cloud.addApiUser({ clientIds: ['FortiAnalyzer'] });
  return {
    handler: {
      product: 'fortianalyzer',
      handles: (path) => endpoint.handles(path),
      handle: (req) => endpoint.handle(req),
    },
    adminPassword: DEFAULT_PASSWORD,
    cloudUser: { username: cloudUser.username, password: cloudUser.password },
    adoms,
    analytics: {
      serves: (url) => isManagerFeature(segmentsOf(url)),
      answer: (envelope, caller) => endpoint.answerFor(envelope, caller),
    },
    createApiKey(user = 'api_001') {
      state.admins.addApiUser(user);
      const key = apiKey();
      state.apiKeys.set(key, user);
      return key;
    },
    stats: () => ({
      sessions: state.sessions.count,
      searches: state.searches.live,
      views: state.views.live,
      reports: state.reports.running,
      requests: state.requests,
    }),
    setVersion(version) {
      state.version = version;
    },
    setLimits(limits) {
      state.limits = {
        scanRowsPerSecond: limits.scanRowsPerSecond ?? state.limits.scanRowsPerSecond,
        maxSearches: limits.maxSearches ?? state.limits.maxSearches,
        idleMs: limits.taskIdleMs ?? state.limits.idleMs,
      };
    },
    injectEmptyPages(count) {
      state.searches.emptyPages += count;
    },
    expireSessions: () => state.sessions.endAll(),
    resetTasks() {
      state.searches.clear();
      state.views.clear();
      state.reports.clear();
    },
  };
}

/** FortiAnalyzer as a simulator product: credentials of the read-write `admin` and an API key. */
export type FortiAnalyzerSimProduct = FortiAnalyzerSimulator & SimProduct;

export const fortianalyzerPlugin = defineSimPlugin({
  name: 'fortianalyzer',
  async create(ctx, options: FortiAnalyzerSimOptions | undefined): Promise<FortiAnalyzerSimProduct> {
    const sim = await createFortiAnalyzerSimulator(ctx, ctx.forticloud, options);
    ctx.services.provide('analytics', sim.analytics);
    const credentials = { username: 'admin', password: sim.adminPassword, apiKey: sim.createApiKey() };
    return asSimProduct(sim, ctx.origin, () => credentials);
  },
});

/** 32 lower-case letters and digits, like a FortiAnalyzer API key. */
function apiKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let key = '';
  for (const byte of randomBytes(32)) key += alphabet[byte % alphabet.length];
  return key;
}
