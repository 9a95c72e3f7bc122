/**
 * Routes `/api/v1/...` requests the way the appliance's Tastypie API does: resource, object,
 * sub-resource, `schema/` and action paths; 405 (with `Allow`) for a method the resource does not
 * allow, then authentication (401), then the admin profile (403).
 */
import type { FaultController } from '../faults.js';
import type { SimRequest, SimResponse } from '../types.js';
import { allowed, type SimAdmin } from './admins.js';
import { type FacSim, RESOURCES } from './engine.js';
import {
  empty,
  FacFailure,
  forbidden,
  json,
  methodNotAllowed,
  notFound,
  readBody,
  unauthorized,
} from './http.js';
import type { OAuthService } from './oauth.js';
import { allowedVerbs, CENSUS_ONLY, directory, schemaOf } from './schema.js';

const API = '/api/v1/';

/** Endpoints called by FortiToken Mobile itself, without an admin's credentials. */
const OPEN: ReadonlySet<string> = new Set(['pushauthresp']);

type Target =
  | { type: 'collection'; key: string; parent?: number }
  | { type: 'object'; key: string; id: number; parent?: number }
  | { type: 'schema'; key: string }
  | { type: 'action'; key: string; action: string; id?: number }
  | { type: 'census'; status: number };

export class FacRouter {
  readonly #sim: FacSim;
  readonly #oauth: OAuthService;
  readonly #faults: FaultController;

  constructor(sim: FacSim, oauth: OAuthService, faults: FaultController) {
    this.#sim = sim;
    this.#oauth = oauth;
    this.#faults = faults;
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    if (this.#oauth.handles(req.path)) return this.#oauth.handle(req);
    if (req.path === API || req.path === '/api/v1') {
      return req.method === 'GET' ? json(200, directory()) : methodNotAllowed(['GET']).reply;
    }
    if (!req.path.endsWith('/')) {
      // Django's APPEND_SLASH: a GET is redirected, other methods find nothing.
      if (req.method !== 'GET') return empty(404);
      return empty(301, { location: `${req.path}/${req.query.size > 0 ? `?${req.query}` : ''}` });
    }
    try {
      const target = resolve(req.path.slice(API.length, -1).split('/'));
      if (!target) throw notFound();
      if (target.type === 'census') return empty(target.status);
      checkMethod(target, req.method);
      const key = target.key;
      if (!OPEN.has(key)) this.#authorize(req, key.split('/')[0] as string);
      return await this.#dispatch(req, target);
    } catch (error) {
      if (error instanceof FacFailure) return error.reply;
      throw error;
    }
  }

  #authorize(req: SimRequest, resource: string): SimAdmin {
    if (this.#faults.take(req, 'fortiauthenticator', ['stale-session'])) {
      const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      if (token) this.#oauth.revoke(token);
    }
    const admin = this.#sim.admins.basic(req) ?? this.#oauth.bearerAdmin(req);
    if (!admin) throw unauthorized();
    if (!allowed(admin, resource, req.method)) throw forbidden();
    return admin;
  }

  async #dispatch(req: SimRequest, target: Exclude<Target, { type: 'census' }>): Promise<SimResponse> {
    const sim = this.#sim;
    const { key } = target;
    const hooks = sim.hooks(key);
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readBody(req);
    switch (target.type) {
      case 'schema':
        if (sim.facts(key).kind !== 'collection') return { status: 500, body: 'Internal Server Error' };
        return json(200, schemaOf(sim, key));
      case 'action': {
        const handler = hooks.actions?.[target.action];
        const row = target.id === undefined ? undefined : sim.collection(key).get(target.id);
        if (!handler || (target.id !== undefined && !row)) throw notFound();
        return handler(sim, row, body, req);
      }
      case 'collection':
        return this.#collection(req, key, body, target.parent);
      case 'object': {
        const { id, parent } = target;
        switch (req.method) {
          case 'GET':
            return sim.get(key, id, req.query, parent);
          case 'PATCH':
            return sim.update(key, id, body, req.query, parent);
          case 'PUT':
            return sim.replace(key, id, body, req.query, parent);
          default:
            return sim.delete(key, id, parent);
        }
      }
    }
  }

  async #collection(
    req: SimRequest,
    key: string,
    body: Awaited<ReturnType<typeof readBody>>,
    parent?: number,
  ) {
    const sim = this.#sim;
    const facts = sim.facts(key);
    const hooks = sim.hooks(key);
    if (parent !== undefined) {
      const owner = key.split('/')[0] as string;
      if (!sim.collection(owner).get(parent)) throw notFound();
    }
    if (facts.kind === 'action') {
      if (req.method === 'GET') return hooks.get ? hooks.get(sim, req) : methodNotAllowed(['POST']).reply;
      return hooks.post ? hooks.post(sim, body, req) : empty(201);
    }
    if (facts.kind === 'singleton') {
      switch (req.method) {
        case 'GET':
          return json(200, sim.singletonView(key));
        case 'POST':
          if (hooks.post) return hooks.post(sim, body, req);
          sim.writeSettings(key, 'create', body);
          return sim.style.create === 'object' ? json(201, sim.singletonView(key)) : empty(201);
        case 'PATCH':
          sim.writeSettings(key, 'update', body);
          return sim.style.patch === 'object' ? json(202, sim.singletonView(key)) : empty(202);
        default:
          sim.writeSettings(key, 'replace', body);
          return empty(204);
      }
    }
    switch (req.method) {
      case 'GET':
        return sim.list(key, req.path, req.query, parent);
      case 'POST':
        return sim.create(key, body, req.query, parent);
      case 'PUT':
        return sim.replaceAll(key, body, req.query, parent);
      default:
        return sim.deleteAll(key, req.query, parent);
    }
  }
}

/** The resource, object, sub-resource, schema or action a path (below `/api/v1/`, no slashes at the ends) names. */
function resolve(segments: string[]): Target | undefined {
  let key = segments[0] ?? '';
  let rest = segments.slice(1);
  const nested = `${key}/${rest[0]}`;
  if (rest.length > 0 && RESOURCES[nested] && !RESOURCES[nested].path.includes('{id}')) {
    key = nested;
    rest = rest.slice(1);
  }
  const facts = RESOURCES[key];
  if (!facts)
    return rest.length === 0 && key in CENSUS_ONLY
      ? { type: 'census', status: CENSUS_ONLY[key] as number }
      : undefined;
  if (rest.length === 0) return { type: 'collection', key };
  const [first, second, third, ...more] = rest as [string, string?, string?, ...string[]];
  if (first === 'schema' && second === undefined) return { type: 'schema', key };
  if (facts.actions?.[first] && !facts.actions[first].item && second === undefined) {
    return { type: 'action', key, action: first };
  }
  if (!/^\d+$/.test(first) || facts.kind !== 'collection') return undefined;
  const id = Number(first);
  if (second === undefined) return { type: 'object', key, id };
  if (facts.actions?.[second]?.item && third === undefined)
    return { type: 'action', key, action: second, id };
  const sub = `${key}/${second}`;
  if (!RESOURCES[sub] || more.length > 0) return undefined;
  if (third === undefined) return { type: 'collection', key: sub, parent: id };
  if (third === 'schema') return { type: 'schema', key: sub };
  return /^\d+$/.test(third) ? { type: 'object', key: sub, id: Number(third), parent: id } : undefined;
}

function checkMethod(target: Exclude<Target, { type: 'census' }>, method: string): void {
  const facts = RESOURCES[target.key];
  if (!facts) throw notFound();
  let verbs: string[];
  if (target.type === 'schema') verbs = ['GET'];
  else if (target.type === 'action') {
    const action = facts.actions?.[target.action];
    verbs = action ? [action.method] : [];
  } else if (facts.kind === 'action') {
    verbs = [
      ...(facts.methods.includes('get') ? ['GET'] : []),
      ...(facts.methods.includes('post') ? ['POST'] : []),
    ];
  } else if (facts.kind === 'singleton') {
    const map: Record<string, string> = { get: 'GET', create: 'POST', update: 'PATCH', replace: 'PUT' };
    verbs = facts.methods.flatMap((m) => (map[m] ? [map[m] as string] : []));
  } else {
    const { list, detail } = allowedVerbs(target.key);
    verbs = target.type === 'collection' ? list : detail;
  }
  if (!verbs.includes(method)) throw methodNotAllowed(verbs);
}
