import type { AssetDetails, Folder } from '../../forticare/types.js';
import type { SimContext } from '../context.js';
import { bearerToken, type FortiCloudSimulator } from '../forticloud/index.js';
import { asSimProduct, defineSimPlugin } from '../plugin.js';
import type { SimProduct, SimProductHandler, SimRequest, SimResponse } from '../types.js';
import { ACCOUNT_ROUTES } from './accounts.js';
import { DOCUMENTED_LIMITS, LimitEnforcer, type SimLimits } from './limits.js';
import { PRODUCT_ROUTES } from './products.js';
import {
  badToken,
  CODE,
  denied,
  envelope,
  failureReply,
  INVALID_REQUEST,
  invalid,
  SimFailure,
  SUCCESS,
} from './reply.js';
import type { Route, RouteContext } from './route.js';
import { FortiCareState } from './state.js';
import { assetRecord, folderView } from './views.js';

export { DOCUMENTED_LIMITS, type SimLimits } from './limits.js';

export interface FortiCareSimOptions {
  /** Limits per API user (default: the documented 100/min, 1000/h, 10 errors/h, 10 units and 5 errors per batch). */
  limits?: Partial<SimLimits>;
  /** Refuse calls beyond the limits with HTTP 429 (default true). Turn off for benchmarks. */
  enforceLimits?: boolean;
  /** Products per `products/list` page (default 50). */
  pageSize?: number;
  /** Registered products in the default account at start (default 25). */
  seedAssets?: number;
}

export interface FortiCareSimStats {
  /** Calls admitted and processed. */
  calls: number;
  /** Replies with status != 0 (including refused tokens). */
  errors: number;
  /** Calls refused because a limit or the error budget was exceeded (a well-behaved client causes none). */
  violations: number;
}

/** The simulated FortiCare Asset Management V3 API at `/ES/api/registration/v3/...`. */
export interface FortiCareSimulator {
  readonly handler: SimProductHandler;
  /** Home account of local-scope API users that name none. */
  readonly defaultAccountId: number;
  readonly limits: Readonly<SimLimits>;
  /** Creates another account (for org-scope users and transfers); returns its id. */
  addAccount(company?: string): number;
  /** Adds `n` registered products (with a support contract) and returns their serial numbers. */
  seedAssets(n: number, options?: { accountId?: number }): string[];
  /**
   * Adds `n` shipped, unregistered units that products/register accepts; returns their serial
   * numbers. `model` picks the hardware (a FortiGate-40F needs its `cloudKey` to register); by default
   * a model that registers without one.
   */
  addInventory(n?: number, options?: { model?: string }): string[];
  /** Adds an unregistered contract (`support` for products/register, `service` for services/register). */
  addContract(options?: { accountId?: number; kind?: 'support' | 'service'; termMonths?: number }): string;
  /** Adds an unregistered VM license; returns its registration code. */
  addLicenseCode(options?: { accountId?: number }): string;
  /** A product as products/details would show it. */
  asset(serialNumber: string): AssetDetails | undefined;
  folders(accountId?: number): Folder[];
  stats(): FortiCareSimStats;
  resetStats(): void;
}

/**
 * FortiCare as a simulator product. Its credentials are the default FortiCloud API user's, with
 * `authUrl`, the FortiCloud origin that issues the tokens FortiCare accepts.
 */
export type FortiCareSimProduct = FortiCareSimulator & SimProduct;

export const forticarePlugin = defineSimPlugin({
  name: 'forticare',
  create(ctx, options: FortiCareSimOptions | undefined): FortiCareSimProduct {
    const sim = createFortiCareSimulator(ctx, ctx.forticloud, options);
    const cloud = ctx.forticloud;
    return asSimProduct(sim, ctx.origin, () => ({ ...cloud.defaultUser, authUrl: cloud.url }));
  },
});

const PREFIX = '/ES/api/registration/v3/';
const ROUTES: Record<string, Route> = { ...PRODUCT_ROUTES, ...ACCOUNT_ROUTES };
const CLIENT_ID = 'assetmanagement';

export function createFortiCareSimulator(
  ctx: SimContext,
  cloud: FortiCloudSimulator,
  options: FortiCareSimOptions = {},
): FortiCareSimulator {
  const limits: SimLimits = { ...DOCUMENTED_LIMITS, ...options.limits };
  const enforcer = new LimitEnforcer(limits);
  const enforce = options.enforceLimits ?? true;
  const pageSize = options.pageSize ?? 50;
  const state = new FortiCareState(ctx.random, () => ctx.clock.now());
  const home = state.addAccount('Default account');
  const stats: FortiCareSimStats = { calls: 0, errors: 0, violations: 0 };
  const seed = (n: number, accountId = home.accountId) =>
    Array.from({ length: n }, () => state.seedAsset(accountId, { contract: true }).serialNumber);
  seed(options.seedAssets ?? 25);

  const serve = (req: SimRequest, route: Route, token: string | undefined): SimResponse => {
    if (!token) throw badToken('Please provide token in request.');
    if (ctx.faults.take(req, 'forticare', ['stale-session'])) cloud.revokeToken(token);
    const info = cloud.lookupToken(token);
    if (!info || info.clientId !== CLIENT_ID) throw badToken('Invalid security token.');
    const now = ctx.clock.now();
    const user = info.user.username;
    const refusal = enforce ? enforcer.admit(user, now) : undefined;
    if (refusal) {
      stats.violations++;
      const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
      return envelope(
        429,
        token,
        {
          status: -1,
          message: INVALID_REQUEST,
          error: {
            errorCode: CODE.rateLimited,
            message: `${refusal.reason} Retry after ${seconds} seconds.`,
          },
        },
        route.empty,
        { 'retry-after': String(seconds) },
      );
    }
    stats.calls++;
    const reply = answer(route, token, () => ({
      state,
      user: info.user,
      body: parseJson(req),
      now,
      limits,
      pageSize,
      defaultAccountId: home.accountId,
    }));
    if (isError(reply)) enforcer.recordError(user, now);
    return reply;
  };

  return {
    handler: {
      product: 'forticare',
      handles: (path) => path.startsWith('/ES/api/'),
      handle(req) {
        const route = req.path.startsWith(PREFIX) ? ROUTES[req.path.slice(PREFIX.length)] : undefined;
        const token = bearerToken(req);
        let reply: SimResponse;
        try {
          if (!route)
            throw new SimFailure(
              404,
              -1,
              CODE.invalidRequest,
              INVALID_REQUEST,
              `Unknown API endpoint ${req.path}.`,
            );
          if (req.method !== 'POST')
            throw new SimFailure(405, -1, CODE.invalidRequest, INVALID_REQUEST, 'Use POST.');
          reply = serve(req, route, token);
        } catch (error) {
          if (!(error instanceof SimFailure)) throw error;
          reply = failureReply(error, token, route?.empty ?? {});
        }
        if (reply.status !== 429 && isError(reply)) stats.errors++;
        return reply;
      },
    },
    defaultAccountId: home.accountId,
    limits,
    addAccount: (company) => state.addAccount(company).accountId,
    seedAssets: (n, opts) => seed(n, opts?.accountId),
    addInventory: (n = 1, options = {}) => Array.from({ length: n }, () => state.addInventory(options.model)),
    addContract: (opts = {}) =>
      state.addContract(opts.accountId ?? home.accountId, opts.kind ?? 'support', opts.termMonths)
        .contractNumber,
    addLicenseCode: (opts = {}) => state.addLicenseCode(opts.accountId ?? home.accountId).registrationCode,
    asset(serialNumber) {
      const asset = state.assets.get(serialNumber);
      return asset ? assetRecord(state, asset) : undefined;
    },
    folders: (accountId = home.accountId) =>
      [...state.folders.values()].filter((f) => f.accountId === accountId).map((f) => folderView(state, f)),
    stats: () => ({ ...stats }),
    resetStats() {
      stats.calls = 0;
      stats.errors = 0;
      stats.violations = 0;
    },
  };
}

/** Runs the route and wraps its result (or refusal) in the V3 envelope. */
function answer(route: Route, token: string, context: () => RouteContext): SimResponse {
  try {
    const c = context();
    if (route.write && c.user.profile === 'read') throw denied();
    const result = route.handle(c);
    // A batch with failed units: status 2 "Failed" with every unit's result, on HTTP 400 (recorded).
    if (result.unitsFailed) {
      return envelope(
        400,
        token,
        { status: 2, message: 'Failed', error: { errorCode: CODE.failed, message: 'Failed' } },
        result.payload,
      );
    }
    return envelope(
      200,
      token,
      { status: 0, message: result.message ?? SUCCESS, error: null },
      { ...route.empty, ...result.payload },
    );
  } catch (error) {
    if (!(error instanceof SimFailure)) throw error;
    return failureReply(error, token, route.empty);
  }
}

function parseJson(req: SimRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid('The request body must be a JSON object.');
}

function isError(reply: SimResponse): boolean {
  return reply.status >= 400 || (reply.body as { status?: number } | undefined)?.status !== 0;
}
