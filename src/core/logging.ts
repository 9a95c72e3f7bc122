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
/** Deeper parts of a logged value are left out (a 20,000-deep object would overflow the stack). */
const MAX_COPY_DEPTH = 32;

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

  /**
   * Replaces every known secret value (and its URL-encoded / JSON-escaped forms) with `[REDACTED]`,
   * and any value written under a secret-bearing key in text that was never parsed (a cut-short JSON
   * reply, a form-encoded body, an HTML page): `"access_token":"…"`, `\\"session\\":\\"…\\"`,
   * `password=…&`, `Authorization: Bearer …`.
   */
  redactText(text: string): string {
    let out = text;
    for (const needle of this.#needles) {
      if (out.includes(needle)) out = out.replaceAll(needle, REDACTED);
    }
    return redactKeyedValues(out);
  }

  /** Deep copy in which values under secret-looking keys are `[REDACTED]` and strings are scrubbed by value. */
  redact<T>(value: T): T {
    return this.#copy(value, new WeakMap(), 0) as T;
  }

  #copy(value: unknown, seen: WeakMap<object, unknown>, depth: number): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (depth >= MAX_COPY_DEPTH) return '[too deep]';
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.#copy(item, seen, depth + 1));
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
      out[key] = item !== undefined && this.isSecretKey(key) ? REDACTED : this.#copy(item, seen, depth + 1);
    }
    return out;
  }
}

const PERCENT_ESCAPE = /%[0-9A-F]{2}/g;
const NON_ASCII = /[\u0080-\uffff]/g;
const HTML_SPECIAL = /[&<>"']/g;

/**
 * The raw value and the forms it takes in replies and logs: JSON-escaped (also with `\/` for `/`
 * and `\uXXXX` for non-ASCII, as PHP and Python write JSON), URL-encoded (`%20` or `+`, upper or
 * lower hex) and HTML-escaped.
 */
function encodedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const url = encodeURIComponent(value);
  const form = url.replaceAll('%20', '+');
  const lower = (text: string) => text.replace(PERCENT_ESCAPE, (hex) => hex.toLowerCase());
  const html = value.replace(HTML_SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
  const named = value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
  return [
    value,
    json,
    json.replaceAll('/', '\\/'),
    ascii,
    ascii.replaceAll('/', '\\/'),
    url,
    form,
    lower(url),
    lower(form),
    html,
    named,
  ];
}

/** Cheap pre-check: text without any of these words has no secret-bearing key. */
const SECRET_HINT = /pass|secret|token|session|sid|api.?key|authorization|cookie|credential|private/i;
/** A secret-bearing key (maybe quoted, maybe with escaped quotes), then `:` or `=`. */
const KEYED_VALUE =
  /(?:[\w.-]*(?:pass|secret|token|session|api[-_]?key|authorization|cookie|credential|private)[\w.-]*|\bsid)(?:\\*["'])?\s*[:=]\s*/gi;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Digest)\s+/i;
const UNQUOTED_END = /[\s&,;}\]<>"'\\]/;
const NOT_A_SECRET = /^(?:null|true|false|\[REDACTED\])$/;

/** Replaces the values written under secret-bearing keys in `text` (see {@link Redactor.redactText}). */
function redactKeyedValues(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  let out = '';
  let copied = 0;
  KEYED_VALUE.lastIndex = 0;
  for (let match = KEYED_VALUE.exec(text); match; match = KEYED_VALUE.exec(text)) {
    const span = valueSpan(text, match.index + match[0].length);
    if (span === undefined) continue;
    out += text.slice(copied, span.start) + REDACTED;
    copied = span.end;
    KEYED_VALUE.lastIndex = Math.max(KEYED_VALUE.lastIndex, span.end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where the value starting at `at` is (quotes excluded); undefined when there is none to hide. */
function valueSpan(text: string, at: number): { start: number; end: number } | undefined {
  let slashes = 0;
  while (text[at + slashes] === '\\') slashes++;
  const quote = text[at + slashes];
  if (quote === '"' || quote === "'") return quotedSpan(text, at + slashes + 1, quote, slashes);
  if (text[at] === '{' || text[at] === '[') return { start: at, end: bracketEnd(text, at) };
  let start = at;
  const scheme = AUTH_SCHEME.exec(text.slice(at, at + 16));
  if (scheme) start += scheme[0].length;
  let end = start;
  while (end < text.length && !UNQUOTED_END.test(text[end]!)) end++;
  const value = text.slice(start, end);
  return value === '' || NOT_A_SECRET.test(value) ? undefined : { start, end };
}

/**
 * The content of a quoted value whose quotes carry `level` backslashes (0 in JSON, 1 in JSON inside
 * a JSON string, ...): it ends at the first quote that is not escaped at that level, else at the end
 * of the text (a reply cut short).
 */
function quotedSpan(
  text: string,
  start: number,
  quote: string,
  level: number,
): { start: number; end: number } | undefined {
  for (let i = start; i < text.length; i++) {
    if (text[i] !== quote) continue;
    let run = 0;
    while (text[i - 1 - run] === '\\') run++;
    if (run === level || (run > level && (run - level) % (2 * (level + 1)) === 0)) {
      const end = i - level;
      return NOT_A_SECRET.test(text.slice(start, end)) || end === start ? undefined : { start, end };
    }
  }
  return { start, end: text.length };
}

/** The end of the object or array opening at `at` (strings skipped), else the end of the text. */
function bracketEnd(text: string, at: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return text.length;
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
