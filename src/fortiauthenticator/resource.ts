/**
 * One resource handle at runtime. It holds every method, and each refuses (before sending) what the
 * resource's table does not allow; the types (`FacResource<N>`) offer only the allowed ones.
 */
import type { CallOptions } from '../core/client-options.js';
import { ProtocolError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { HttpMethod } from '../core/transport.js';
import { createMany } from './bulk.js';
import type { FacCaller, FacOperation, FacReply, FacRequest } from './caller.js';
import { FacMethodNotAllowedError } from './errors.js';
import type { FacMethod, FacResourceFacts } from './facts.js';
import { hasUpload, multipart } from './multipart.js';
import { listQuery } from './query.js';
import { createdFromReply, isComplete, linkOf, withoutOrigin } from './replies.js';
import { checkWrite, type Schemas, type WriteKind } from './schema.js';
import type { FacItemResult, FacListMeta, FacPage } from './typing.js';

/** What a handle needs from its client. */
export interface FacContext {
  readonly caller: FacCaller;
  readonly schemas: Schemas;
  /** Check writes against the schema by default. */
  readonly validate: boolean;
  /** Whether the appliance takes a list of objects in one POST to this resource (207 per-item results). */
  bulkLists(resource: string, options?: CallOptions): Promise<boolean>;
}

/** Resources whose 401 is about the credentials they check, not the client's. */
const CHECKS: ReadonlySet<string> = new Set(['auth', 'realmauth', 'pushauth', 'pushauthresp']);
/** Action endpoints that answer a POST with plain text (a restore, after which the appliance restarts). */
const TEXT_REPLIES: ReadonlySet<string> = new Set(['recovery']);
/** Fields that identify a new object when a reply does not say where it is. */
const NATURAL_KEYS = ['username', 'name', 'shortname', 'serial'];
const ITERATE_LIMIT = 1000;

type Obj = Record<string, unknown>;

interface Options extends CallOptions {
  filter?: object | undefined;
  orderBy?: string | readonly string[] | undefined;
  query?: object | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  validate?: boolean | undefined;
  concurrency?: number | undefined;
  chunkSize?: number | undefined;
  returnObjects?: boolean | undefined;
}

export class FacResourceHandle {
  readonly name: string;
  readonly path: string;
  readonly #facts: FacResourceFacts;
  readonly #ctx: FacContext;
  readonly #parent: number | undefined;

  constructor(ctx: FacContext, name: string, facts: FacResourceFacts, parent?: number) {
    this.#ctx = ctx;
    this.name = name;
    this.#facts = facts;
    this.#parent = parent;
    this.path = facts.path.replace('{id}', String(parent));
  }

  async list(options: Options = {}): Promise<FacPage<Obj>> {
    this.#allow('list');
    const query = listQuery(this.name, this.#facts, options);
    const reply = await this.#call('GET', 'collection', { ...call(options), query });
    return this.#page(reply);
  }

  async *pages(options: Options = {}): AsyncGenerator<FacPage<Obj>> {
    let page = await this.list({ ...options, limit: options.limit ?? ITERATE_LIMIT });
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.meta.next;
      if (!next) return;
      if (seen.has(next)) throw new ProtocolError(`${this.name}: meta.next repeats ${next}`, { status: 200 });
      seen.add(next);
      page = this.#page(await this.#ctx.caller.follow(next, call(options)));
    }
  }

  async *iterate(options: Options = {}): AsyncGenerator<Obj> {
    for await (const page of this.pages(options)) for (const object of page.objects) yield object;
  }

  async get(idOrOptions?: number | Options, maybeOptions: Options = {}): Promise<Obj> {
    this.#allow('get');
    if (this.#facts.kind !== 'collection') {
      return this.#object(this.#call('GET', 'collection', call(idOrOptions as Options)));
    }
    const { query, signal, timeoutMs } = maybeOptions;
    const request: FacRequest =
      query === undefined ? { signal, timeoutMs } : { signal, timeoutMs, query: extra(maybeOptions) };
    return this.#object(this.#call('GET', 'item', request, idOrOptions as number));
  }

  async create(data: unknown, options: Options = {}): Promise<Obj> {
    this.#allow('create');
    await this.#check('create', data, options);
    const reply = await this.#call('POST', 'collection', {
      ...call(options),
      json: data,
      query: extra(options),
    });
    const where = `POST ${this.path}`;
    const object = createdFromReply(reply, where);
    if (this.#facts.kind === 'singleton') return object ?? this.#readSingleton(options);
    if (object && typeof object.resource_uri === 'string' && isComplete(object)) return object;
    const link = linkOf(reply, object);
    if (link) return this.#object(this.#ctx.caller.follow(link, call(options)));
    return this.#findCreated(data, where, options);
  }

  async createMany(items: readonly unknown[], options: Options = {}): Promise<FacItemResult<Obj>[]> {
    this.#allow('create');
    await this.#checkAll(items, options);
    const lists = await this.#ctx.bulkLists(this.name, call(options));
    return createMany(items, {
      concurrency: options.concurrency ?? 8,
      chunkSize: options.chunkSize ?? 100,
      lists,
      where: `POST ${this.path}`,
      one: (item) =>
        options.returnObjects === false
          ? this.#createBare(item, options)
          : this.create(item, { ...options, validate: false }),
      chunk: (chunk) =>
        this.#call('POST', 'collection', { ...call(options), json: chunk, query: extra(options) }),
    });
  }

  async update(idOrData: unknown, dataOrOptions?: unknown, maybeOptions?: Options): Promise<Obj> {
    this.#allow('update');
    return this.#write('PATCH', 'update', idOrData, dataOrOptions, maybeOptions);
  }

  async replace(idOrData: unknown, dataOrOptions?: unknown, maybeOptions?: Options): Promise<Obj> {
    this.#allow('replace');
    return this.#write('PUT', 'replace', idOrData, dataOrOptions, maybeOptions);
  }

  async delete(id: number, options: CallOptions = {}): Promise<void> {
    this.#allow('delete');
    await this.#call('DELETE', 'item', call(options), id);
  }

  async replaceAll(items: readonly unknown[], options: Options = {}): Promise<void> {
    this.#allow('replaceAll');
    await this.#checkAll(items, options);
    await this.#call('PUT', 'collection', { ...call(options), json: { objects: items } });
  }

  async deleteAll(options: Options = {}): Promise<void> {
    this.#allow('deleteAll');
    await this.#call('DELETE', 'collection', {
      ...call(options),
      query: listQuery(this.name, this.#facts, options),
    });
  }

  /** The POST of an action endpoint: its JSON reply, or undefined for an empty one. */
  async post(body: unknown, options: CallOptions = {}): Promise<unknown> {
    return (await this.postReply(body, options)).data;
  }

  /** The POST of an action endpoint, with the whole reply (some answer in the status: 200 or 202). */
  async postReply(body: unknown, options: CallOptions = {}): Promise<FacReply> {
    this.#allow('post');
    const upload = hasUpload(body) ? await multipart(body as Record<string, unknown>) : undefined;
    if (TEXT_REPLIES.has(this.name)) {
      const form = upload ?? {
        data: Buffer.from(JSON.stringify(body ?? {})),
        contentType: 'application/json',
      };
      const text = await this.#ctx.caller.bytes('POST', `/${this.path}`, { ...call(options), body: form });
      return { status: 200, headers: {}, data: text.toString('utf8') };
    }
    const request: FacRequest = upload
      ? { ...call(options), body: upload }
      : { ...call(options), json: body ?? {} };
    return this.#call('POST', 'collection', request);
  }

  /** The GET of an action endpoint that answers with a file (`recovery`). */
  async download(options: CallOptions = {}): Promise<Buffer> {
    this.#allow('get');
    return this.#ctx.caller.bytes('GET', `/${this.path}`, call(options));
  }

  /** A sub-endpoint: GET ones answer text (PEM), POST ones JSON. */
  async action(name: string, options: { id?: number; body?: unknown } & CallOptions = {}): Promise<unknown> {
    const action = this.#facts.actions?.[name];
    if (!action) {
      const known = Object.keys(this.#facts.actions ?? {});
      throw new FacMethodNotAllowedError(
        `${this.name} has no action '${name}'${known.length > 0 ? `; it has ${known.join(', ')}` : ''}`,
        'name',
      );
    }
    if (action.item && options.id === undefined) {
      throw new FacMethodNotAllowedError(`${this.name} action '${name}' needs the object's id`, 'id');
    }
    const at = action.item ? `${this.path}${options.id}/${name}/` : `${this.path}${name}/`;
    if (action.method === 'GET')
      return (await this.#ctx.caller.bytes('GET', `/${at}`, call(options))).toString('utf8');
    const op: FacOperation = action.item ? 'item' : 'collection';
    const endpoint = this.#ctx.caller.endpoint(this.#facts, 'POST', op, name);
    const reply = await this.#ctx.caller.call(endpoint, {
      ...call(options),
      params: this.#params(options.id),
      json: options.body ?? {},
    });
    return reply.data;
  }

  // --- internals ---

  #allow(method: FacMethod): void {
    if (this.#facts.methods.includes(method)) return;
    const offered = this.#facts.methods.join(', ') || 'nothing';
    throw new FacMethodNotAllowedError(
      `${this.name} does not allow ${method} (it allows ${offered}); nothing was sent`,
      'method',
    );
  }

  async #check(kind: WriteKind, data: unknown, options: Options): Promise<void> {
    if (!(options.validate ?? this.#ctx.validate)) return;
    checkWrite(await this.#ctx.schemas.describe(this.name, this.#facts, call(options)), kind, data);
  }

  async #checkAll(items: readonly unknown[], options: Options): Promise<void> {
    if (!(options.validate ?? this.#ctx.validate)) return;
    const description = await this.#ctx.schemas.describe(this.name, this.#facts, call(options));
    for (const item of items) checkWrite(description, 'create', item);
  }

  async #write(
    method: HttpMethod,
    kind: 'update' | 'replace',
    a: unknown,
    b: unknown,
    c?: Options,
  ): Promise<Obj> {
    const single = this.#facts.kind !== 'collection';
    const id = single ? undefined : (a as number);
    const data = single ? a : b;
    const options = ((single ? b : c) ?? {}) as Options;
    await this.#check(kind, data, options);
    const op: FacOperation = single ? 'collection' : 'item';
    const reply = await this.#call(method, op, { ...call(options), json: data, query: extra(options) }, id);
    if (isRecord(reply.data) && isComplete(reply.data)) return reply.data;
    if (single) return this.#readSingleton(options);
    if (!this.#facts.methods.includes('get')) return isRecord(reply.data) ? reply.data : {};
    return this.#object(this.#call('GET', 'item', call(options), id));
  }

  #readSingleton(options: CallOptions): Promise<Obj> {
    return this.#object(this.#call('GET', 'collection', call(options)));
  }

  /** A create that keeps what the reply says (at least `resource_uri`), without reading the object back. */
  async #createBare(data: unknown, options: Options): Promise<Obj> {
    const reply = await this.#call('POST', 'collection', {
      ...call(options),
      json: data,
      query: extra(options),
    });
    const object = createdFromReply(reply, `POST ${this.path}`);
    const link = linkOf(reply, object);
    if (object?.resource_uri !== undefined) return object;
    if (link) return { ...object, resource_uri: withoutOrigin(link) };
    return this.#findCreated(data, `POST ${this.path}`, options);
  }

  /** The new object, found by its natural key when the reply did not say where it is. */
  async #findCreated(data: unknown, where: string, options: CallOptions): Promise<Obj> {
    const sent = isRecord(data) ? data : {};
    const key = NATURAL_KEYS.find(
      (k) => typeof sent[k] === 'string' && this.#facts.filters[k]?.includes('exact'),
    );
    if (key && this.#facts.methods.includes('list')) {
      const page = await this.list({ ...options, filter: { [key]: sent[key] }, limit: 2 });
      if (page.objects.length === 1) return page.objects[0] as Obj;
    }
    throw new ProtocolError(`${where} created the object but the reply did not say where it is`, {
      status: 201,
    });
  }

  #params(id?: number): Record<string, string | number> {
    const params: Record<string, string | number> = {};
    if (this.#parent !== undefined) params.parent = this.#parent;
    if (id !== undefined) params.id = id;
    return params;
  }

  async #call(method: HttpMethod, op: FacOperation, request: FacRequest, id?: number): Promise<FacReply> {
    const endpoint = this.#ctx.caller.endpoint(this.#facts, method, op);
    const full = { ...request, params: this.#params(id) };
    return CHECKS.has(this.name)
      ? this.#ctx.caller.check(endpoint, full)
      : this.#ctx.caller.call(endpoint, full);
  }

  async #object(pending: Promise<FacReply>): Promise<Obj> {
    const reply = await pending;
    if (!isRecord(reply.data)) {
      throw new ProtocolError(
        `${this.name}: expected an object, got ${reply.data === undefined ? 'an empty body' : typeof reply.data}`,
        {
          status: reply.status,
        },
      );
    }
    return reply.data;
  }

  #page(reply: FacReply): FacPage<Obj> {
    const data = reply.data;
    if (!isRecord(data) || !isRecord(data.meta) || !Array.isArray(data.objects)) {
      throw new ProtocolError(`${this.name}: a list reply has no {meta, objects}`, { status: reply.status });
    }
    return { meta: data.meta as unknown as FacListMeta, objects: data.objects as Obj[] };
  }
}

function call(options: CallOptions | undefined): CallOptions {
  return { signal: options?.signal, timeoutMs: options?.timeoutMs };
}

function extra(options: Options): FacRequest['query'] {
  return options.query as FacRequest['query'];
}
