import { FortixError, ValidationError } from '../core/errors.js';
import type { SafeLog } from '../core/logging.js';
import type { FmgFacts, ValidationIssue } from './catalog/facts.js';
import type { FmgMethod, methodsFor } from './catalog/rules.js';
import type { validateData } from './catalog/validate.js';
import type { RpcMethod, WireParams } from './types.js';

/** One call as the validator sees it, after options were turned into wire params. */
export interface ValidatedCall {
  method: RpcMethod;
  /** The URL as the caller wrote it (a template or a literal URL). */
  template: string;
  params: WireParams;
}

/** Throws a ValidationError when a call should not be sent. */
export type ParamsValidator = (call: ValidatedCall) => void;

const DATA_METHODS = new Set<RpcMethod>(['add', 'set', 'update', 'replace', 'clone']);

/**
 * The first check behind `validate: true`: what every FortiManager write shares (data present,
 * objects with non-empty attribute names). `CatalogValidator` then checks the attributes.
 */
export const shapeValidator: ParamsValidator = ({ method, template, params }) => {
  const data = params.data;
  if (data === undefined) {
    if (DATA_METHODS.has(method)) throw new ValidationError(`${method} ${template} needs data`, 'data');
    return;
  }
  const objects = Array.isArray(data) ? data : [data];
  objects.forEach((object, i) => {
    const where = Array.isArray(data) ? `data[${i}]` : 'data';
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw new ValidationError(`${method} ${template}: ${where} must be an object`, where);
    }
    if (Object.keys(object).some((key) => key.trim() === '')) {
      throw new ValidationError(`${method} ${template}: ${where} has an empty attribute name`, where);
    }
  });
};

/** Reads `/sys/status` of the connected FortiManager (its `Version`); undefined when it cannot. */
export type StatusReader = (signal?: AbortSignal) => Promise<unknown>;

/** Methods whose `data` is not a row (or that carry none): nothing to check against the facts. */
const UNCHECKED = new Set<RpcMethod>(['get', 'delete', 'move', 'unset']);

interface Loaded {
  readonly facts: FmgFacts;
  readonly validateData: typeof validateData;
  readonly methodsFor: typeof methodsFor;
}

/**
 * `validate: true`, second part: checks `data` against the catalog facts (unknown attributes, values
 * outside `choices`, wrong types, missing keys) and warns once per attribute that the connected
 * FortiManager's version does not have. The facts (about 2 MB) and the version are read on the first
 * call that needs them: `load()` must have resolved before `check()`.
 *
 * @example
 * await catalog.load(signal);            // once: reads the facts and `/sys/status`
 * catalog.check('add', url, wireParams); // throws ValidationError, or returns
 */
export class CatalogValidator {
  readonly #readStatus: StatusReader;
  readonly #log: SafeLog;
  readonly #warned = new Set<string>();
  #loading: Promise<Loaded> | undefined;
  #loaded: Loaded | undefined;
  #version: Promise<string | undefined> | undefined;
  #knownVersion: string | undefined;

  constructor(readStatus: StatusReader, log: SafeLog) {
    this.#readStatus = readStatus;
    this.#log = log;
  }

  /** True when `method` carries data the facts can check (so `load()` is worth awaiting). */
  checks(method: RpcMethod): boolean {
    return !UNCHECKED.has(method);
  }

  /** Reads the facts (once per process) and the FortiManager version (once per client). */
  async load(signal?: AbortSignal): Promise<void> {
    this.#loading ??= loadCatalog().catch((error: unknown) => {
      this.#loading = undefined;
      throw new FortixError(
        'validate: true could not read the catalog facts (specs/fortimanager/objects.json.br of the fortix package); reinstall fortix or turn validate off',
        { cause: error },
      );
    });
    const [loaded, version] = await Promise.all([this.#loading, this.#readVersion(signal)]);
    this.#loaded = loaded;
    this.#knownVersion = version;
  }

  /** Throws a ValidationError listing every problem of `params.data` for `method` on the literal `url`. */
  check(method: RpcMethod, url: string, params: WireParams): void {
    const loaded = this.#loaded;
    if (loaded === undefined || !this.checks(method) || params.data === undefined) return;
    const match = loaded.facts.match(url);
    if (match === undefined) return;
    const allowed: readonly RpcMethod[] = loaded.methodsFor(match.object, match.item);
    // A method the facts do not list for this URL (add on an item URL, clone without the facts'
    // clone selector) is FortiManager's to refuse; its attributes are still checked.
    const checkAs = allowed.includes(method)
      ? (method as FmgMethod)
      : (allowed as FmgMethod[]).find((m) => m === 'update' || m === 'set');
    if (checkAs === undefined) return;
    const version = this.#knownVersion;
    const issues = loaded.validateData(match.object, match.item, checkAs, params.data, { version });
    for (const issue of issues) {
      if (issue.code === 'version') this.#warnOnce(match.object.name, issue, method, url);
    }
    const problems = issues.filter((issue) => issue.code !== 'version');
    if (problems.length === 0) return;
    const list = problems.map((issue) => `${issue.path || 'data'}: ${issue.message}`).join('; ');
    const first = problems[0]?.path ?? '';
    throw new ValidationError(
      `${method} ${url}: ${problems.length === 1 ? 'invalid data' : `${problems.length} problems in data`} (${list}); nothing was sent`,
      first === '' ? 'data' : `data${first.startsWith('[') ? '' : '.'}${first}`,
      { details: { object: match.object.name, issues: problems } },
    );
  }

  #warnOnce(object: string, issue: ValidationIssue, method: RpcMethod, url: string): void {
    const key = `${object}:${issue.path.replace(/\[\d+\]/g, '').replace(/^\./, '')}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#log.warn(`FortiManager ${method} ${url}: ${issue.message}`, { object, attribute: issue.path });
  }

  #readVersion(signal: AbortSignal | undefined): Promise<string | undefined> {
    this.#version ??= this.#readStatus(signal).then(
      (status) => {
        const version = parseFmgVersion(status);
        if (version === undefined)
          this.#log.debug('FortiManager version unknown: version ranges not checked');
        return version;
      },
      (error: unknown) => {
        // A network failure or an abort: try again on the next validated call.
        this.#version = undefined;
        this.#log.debug('FortiManager version not read: version ranges not checked', {
          error: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      },
    );
    return this.#version;
  }
}

async function loadCatalog(): Promise<Loaded> {
  const [{ loadFmgFacts }, { validateData }, { methodsFor }] = await Promise.all([
    import('./catalog/facts.js'),
    import('./catalog/validate.js'),
    import('./catalog/rules.js'),
  ]);
  return { facts: await loadFmgFacts(), validateData, methodsFor };
}

/** `'v7.4.3-build2487 240411 (GA)'` (the `Version` of `/sys/status`) -> `'7.4.3'`. */
export function parseFmgVersion(status: unknown): string | undefined {
  const text =
    typeof status === 'object' && status !== null ? (status as Record<string, unknown>).Version : undefined;
  if (typeof text !== 'string') return undefined;
  return /(\d+\.\d+\.\d+)/.exec(text)?.[1];
}
