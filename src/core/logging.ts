/** Anything with the four usual log methods: `console`, pino, winston, ... */
export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

export const REDACTED = '[REDACTED]';

const DEFAULT_SECRET_KEYS = /pass|secret|token|session|api[-_]?key|authorization|cookie|credential|private/i;
const MIN_SECRET_LENGTH = 4;

/**
 * Knows a client's secrets (password, API key, tokens, session id) and scrubs them by KEY and by VALUE.
 *
 * @example
 * const redactor = new Redactor();
 * redactor.addSecret(password);
 * redactor.redactText(`login failed for ${password}`); // 'login failed for [REDACTED]'
 * redactor.redact({ user: 'admin', passwd: 'x' });     // { user: 'admin', passwd: '[REDACTED]' }
 */
export class Redactor {
  readonly #keys: readonly RegExp[];
  #secrets = new Set<string>();
  /** Every form of every secret, longest first, so that a longer form is replaced before its parts. */
  #needles: string[] = [];

  constructor(extraKeys?: RegExp) {
    // Without g/y flags, because test() on such a RegExp remembers where it stopped.
    const extra = extraKeys && new RegExp(extraKeys.source, extraKeys.flags.replace(/[gy]/g, ''));
    this.#keys = extra ? [DEFAULT_SECRET_KEYS, extra] : [DEFAULT_SECRET_KEYS];
  }

  /** Remembers a secret value; values shorter than 4 characters are ignored (they would match everywhere). */
  addSecret(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.#secrets.has(value)) return;
    this.#secrets.add(value);
    this.#rebuild();
  }

  /** Forgets a secret, e.g. a session id or token that was replaced, so the list does not grow forever. */
  removeSecret(value: string): void {
    if (this.#secrets.delete(value)) this.#rebuild();
  }

  #rebuild(): void {
    const forms = new Set<string>();
    for (const secret of this.#secrets) for (const form of encodedForms(secret)) forms.add(form);
    this.#needles = [...forms].sort((a, b) => b.length - a.length);
  }

  /** True when `key` names something secret (password, token, cookie, ...). */
  isSecretKey(key: string): boolean {
    for (const re of this.#keys) if (re.test(key)) return true;
    return false;
  }

  /** Replaces every known secret value (and its URL-encoded / JSON-escaped form) with `[REDACTED]`. */
  redactText(text: string): string {
    let out = text;
    for (const needle of this.#needles) {
      if (out.includes(needle)) out = out.replaceAll(needle, REDACTED);
    }
    return out;
  }

  /** Deep copy in which values under secret-looking keys are `[REDACTED]` and strings are scrubbed by value. */
  redact<T>(value: T): T {
    return this.#copy(value, new WeakMap()) as T;
  }

  #copy(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.#copy(item, seen));
      return out;
    }
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: this.redactText(value.message) };
      seen.set(value, out);
      const code = (value as { code?: unknown }).code;
      if (code !== undefined) out.code = code;
      return out;
    }
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [key, item] of Object.entries(value)) {
      out[key] = item !== undefined && this.isSecretKey(key) ? REDACTED : this.#copy(item, seen);
    }
    return out;
  }
}

const PERCENT_ESCAPE = /%[0-9A-F]{2}/g;

/** The raw value, its JSON-escaped form and its URL-encoded forms (`%20` or `+`, upper or lower hex). */
function encodedForms(value: string): string[] {
  const url = encodeURIComponent(value);
  const form = url.replaceAll('%20', '+');
  const lower = (text: string) => text.replace(PERCENT_ESCAPE, (hex) => hex.toLowerCase());
  return [value, JSON.stringify(value).slice(1, -1), url, form, lower(url), lower(form)];
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A logger wrapper that redacts message and meta before forwarding; a no-op when `logger` is undefined.
 *
 * @example
 * const log = new SafeLog(console, redactor);
 * log.debug('login', { user, password }); // password is printed as [REDACTED]
 */
export class SafeLog {
  readonly #logger: Logger | undefined;
  readonly #redactor: Redactor;

  constructor(logger: Logger | undefined, redactor: Redactor) {
    this.#logger = logger;
    this.#redactor = redactor;
  }

  /** False when there is no logger: callers can skip building log metadata on hot paths. */
  get enabled(): boolean {
    return this.#logger !== undefined;
  }

  debug(msg: string, meta?: Record<string, unknown>): void {
    this.#emit('debug', msg, meta);
  }

  info(msg: string, meta?: Record<string, unknown>): void {
    this.#emit('info', msg, meta);
  }

  warn(msg: string, meta?: Record<string, unknown>): void {
    this.#emit('warn', msg, meta);
  }

  error(msg: string, meta?: Record<string, unknown>): void {
    this.#emit('error', msg, meta);
  }

  #emit(level: keyof Logger, msg: string, meta: Record<string, unknown> | undefined): void {
    const logger = this.#logger;
    if (!logger) return;
    const text = this.#redactor.redactText(msg);
    if (meta === undefined) logger[level](text);
    else logger[level](text, this.#redactor.redact(meta));
  }
}
