/**
 * A builder for FortiAnalyzer's filter strings (log search, FortiView, alerts, incidents).
 *
 * Safe by construction: every value is written as a double-quoted string (`"` and `\` escaped) or a
 * plain number, so a user-supplied value cannot change the expression. And it refuses what
 * FortiAnalyzer would silently get wrong, because a filter that matches nothing without an error is
 * the worst failure of a search:
 * - operators the appliance accepts but ignores (`contain`, `!contain`, any unknown word: zero rows,
 *   no error) or rejects (`not like`, `!like`, `nlike`); the builder offers `like`-based `contains`
 *   and negation as `!( ... )` instead;
 * - control characters in a value (the whole expression fails);
 * - dotted field names (they match nothing);
 * - `*` in an equality value (the appliance reads it as a wildcard) and `%`/`_` in the text of
 *   `contains`/`startsWith`/`endsWith` (they are wildcards and cannot be escaped): use `like` to say so;
 * - an empty `in` list (it would match nothing).
 *
 * @example
 * import { q } from 'fortix/fortianalyzer';
 * const filter = q.and(q.eq('srcip', '10.0.1.100'), q.or(q.eq('dstport', 443), q.eq('dstport', 8443)), q.not(q.contains('app', 'DNS')));
 * filter.text; // 'srcip=="10.0.1.100" and (dstport==443 or dstport==8443) and !(app like "%DNS%")'
 */
import { ValidationError } from '../core/errors.js';

/** A comparison value: a string (always quoted) or a finite number. */
export type FilterValue = string | number;

type Op = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'like';

type Node =
  | { readonly kind: 'cmp'; readonly field: string; readonly op: Op; readonly value: FilterValue }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Node[] }
  | { readonly kind: 'not'; readonly part: Node }
  | { readonly kind: 'raw'; readonly text: string; readonly fields: readonly string[] };

/** A checked filter expression. Build it with {@link q}; `text` is what FortiAnalyzer receives. */
export class LogFilter {
  readonly #node: Node;

  /** @internal Use {@link q}. */
  constructor(node: Node) {
    this.#node = node;
  }

  /** The filter string. */
  get text(): string {
    return render(this.#node, undefined, true);
  }

  /** The field names the filter compares. */
  get fields(): ReadonlySet<string> {
    const out = new Set<string>();
    collect(this.#node, out);
    return out;
  }

  /**
   * The filter string with field names renamed (an endpoint may spell a field differently: alerts
   * say `trigger_name` in one place and `triggername` in another). Raw parts are not renamed.
   */
  render(rename: (field: string) => string): string {
    return render(this.#node, rename, true);
  }

  toString(): string {
    return this.text;
  }

  /** @internal */
  get node(): Node {
    return this.#node;
  }
}

const FIELD_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it detects
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function field(name: string, path: string): string {
  if (typeof name !== 'string' || !FIELD_RE.test(name)) {
    const dotted = typeof name === 'string' && name.includes('.');
    throw new ValidationError(
      dotted
        ? `Field ${JSON.stringify(name)}: FortiAnalyzer matches nothing for dotted field names`
        : `Field ${JSON.stringify(name)} is not a FortiAnalyzer field name (letters, digits, '_' and '-')`,
      path,
    );
  }
  return name;
}

function value(input: FilterValue, path: string): FilterValue {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new ValidationError(`${input} is not a finite number`, path);
    return input;
  }
  if (typeof input !== 'string') {
    throw new ValidationError(`Filter values are strings or numbers, not ${typeof input}`, path);
  }
  if (CONTROL_RE.test(input)) {
    throw new ValidationError('Control characters make FortiAnalyzer refuse the whole filter', path);
  }
  return input;
}

function cmp(name: string, op: Op, input: FilterValue): LogFilter {
  const checked = value(input, `filter.${name}`);
  return new LogFilter({ kind: 'cmp', field: field(name, 'filter'), op, value: checked });
}

function noWildcards(name: string, text: string, helper: string): string {
  if (typeof text === 'string' && /[%_]/.test(text)) {
    throw new ValidationError(
      `q.${helper}('${name}', ...): '%' and '_' are wildcards FortiAnalyzer cannot escape; write the pattern with q.like`,
      `filter.${name}`,
    );
  }
  return text;
}

function combine(kind: 'and' | 'or', parts: readonly LogFilter[]): LogFilter {
  if (parts.length === 0) throw new ValidationError(`q.${kind}() needs at least one condition`, 'filter');
  for (const part of parts) {
    if (!(part instanceof LogFilter))
      throw new ValidationError(`q.${kind}() takes filters built with q`, 'filter');
  }
  if (parts.length === 1) return parts[0]!;
  return new LogFilter({ kind, parts: parts.map((p) => p.node) });
}

/** Builders of {@link LogFilter} expressions. */
export const q = {
  /** `field == value`. A string containing `*` is refused (a wildcard there): use `like`. */
  eq(name: string, input: FilterValue): LogFilter {
    if (typeof input === 'string' && input.includes('*')) {
      throw new ValidationError(
        `q.eq('${name}', ...): '*' is a wildcard in FortiAnalyzer equality; use q.like for patterns`,
        `filter.${name}`,
      );
    }
    return cmp(name, '==', input);
  },
  /** `field != value`. */
  ne: (name: string, input: FilterValue) => cmp(name, '!=', input),
  lt: (name: string, input: FilterValue) => cmp(name, '<', input),
  le: (name: string, input: FilterValue) => cmp(name, '<=', input),
  gt: (name: string, input: FilterValue) => cmp(name, '>', input),
  ge: (name: string, input: FilterValue) => cmp(name, '>=', input),
  /** `field like "pattern"`: `%` matches any run, `_` one character. */
  like: (name: string, pattern: string) => cmp(name, 'like', pattern),
  /** `field like "%text%"`. */
  contains: (name: string, text: string) => cmp(name, 'like', `%${noWildcards(name, text, 'contains')}%`),
  startsWith: (name: string, text: string) => cmp(name, 'like', `${noWildcards(name, text, 'startsWith')}%`),
  endsWith: (name: string, text: string) => cmp(name, 'like', `%${noWildcards(name, text, 'endsWith')}`),
  /** One of `values`: `(field==a or field==b ...)`. */
  in(name: string, values: readonly FilterValue[]): LogFilter {
    if (!Array.isArray(values) || values.length === 0) {
      throw new ValidationError(`q.in('${name}', []) would match nothing`, `filter.${name}`);
    }
    return combine(
      'or',
      values.map((v) => q.eq(name, v)),
    );
  },
  /** None of `values`: `!(field==a or field==b ...)`. */
  notIn: (name: string, values: readonly FilterValue[]) => q.not(q.in(name, values)),
  and: (...parts: LogFilter[]) => combine('and', parts),
  or: (...parts: LogFilter[]) => combine('or', parts),
  /** `!( ... )`, the negation FortiAnalyzer understands. */
  not(part: LogFilter): LogFilter {
    if (!(part instanceof LogFilter))
      throw new ValidationError('q.not() takes a filter built with q', 'filter');
    return new LogFilter({ kind: 'not', part: part.node });
  },
  /**
   * A filter string written by hand, checked like the builders: only the operators FortiAnalyzer is
   * known to honour (`==`, `=`, `!=`, `<>`, `<`, `>`, `<=`, `>=`, `like`), `and`/`or`, parentheses and
   * `!( ... )`; quoted or plain values; no control characters, no dotted fields.
   */
  raw(text: string): LogFilter {
    return new LogFilter({ kind: 'raw', text, fields: checkRaw(text) });
  },
};

/** A filter given as a string is checked as `q.raw`. */
export function toLogFilter(filter: LogFilter | string | undefined): LogFilter | undefined {
  if (filter === undefined || filter instanceof LogFilter) return filter;
  if (typeof filter !== 'string')
    throw new ValidationError('filter must be a string or built with q', 'filter');
  return filter.trim() === '' ? undefined : q.raw(filter);
}

function render(node: Node, rename: ((field: string) => string) | undefined, top: boolean): string {
  switch (node.kind) {
    case 'cmp': {
      const name = rename ? rename(node.field) : node.field;
      const operand = typeof node.value === 'number' ? String(node.value) : quote(node.value);
      return node.op === 'like' ? `${name} like ${operand}` : `${name}${node.op}${operand}`;
    }
    case 'and':
    case 'or': {
      const text = node.parts.map((part) => render(part, rename, false)).join(` ${node.kind} `);
      return top ? text : `(${text})`;
    }
    case 'not':
      return `!(${render(node.part, rename, true)})`;
    case 'raw':
      return top ? node.text : `(${node.text})`;
  }
}

function collect(node: Node, out: Set<string>): void {
  if (node.kind === 'cmp') out.add(node.field);
  else if (node.kind === 'not') collect(node.part, out);
  else if (node.kind === 'raw') for (const name of node.fields) out.add(name);
  else for (const part of node.parts) collect(part, out);
}

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const RAW_OPS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>'];
const BARE_RE = /[A-Za-z0-9._:-]/;

/** Checks a hand-written filter; answers the fields it compares. */
function checkRaw(text: string): string[] {
  const fail = (message: string): never => {
    throw new ValidationError(`Filter ${JSON.stringify(text)}: ${message}`, 'filter');
  };
  if (typeof text !== 'string') fail('not a string');
  if (CONTROL_RE.test(text)) fail('control characters make FortiAnalyzer refuse the whole filter');
  const fields: string[] = [];
  // Expecting: 'operand' (a field, '(' or '!('), then 'operator', then 'value', then 'joiner'.
  let expect: 'operand' | 'operator' | 'value' | 'joiner' = 'operand';
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (expect === 'operand') {
      if (ch === '(') {
        depth++;
        i++;
      } else if (ch === '!' && /^!\s*\(/.test(text.slice(i))) {
        i = text.indexOf('(', i) + 1;
        depth++;
      } else {
        const word = /^[A-Za-z0-9._:-]+/.exec(text.slice(i))?.[0];
        if (!word) return fail(`expected a field name at position ${i}`);
        if (!FIELD_RE.test(word)) {
          fail(
            word.includes('.') ? `dotted field '${word}' matches nothing` : `'${word}' is not a field name`,
          );
        }
        fields.push(word);
        i += word.length;
        expect = 'operator';
      }
    } else if (expect === 'operator') {
      const op = RAW_OPS.find((candidate) => text.startsWith(candidate, i));
      const word = /^!?[A-Za-z]+/.exec(text.slice(i))?.[0]?.toLowerCase();
      if (op) {
        i += op.length;
      } else if (word === 'like') {
        i += 4;
      } else if (word === 'not' && /^not\s+like\b/i.test(text.slice(i))) {
        return fail('FortiAnalyzer refuses \'not like\': write !(field like "...")');
      } else if (word === 'contain' || word === '!contain') {
        return fail(`FortiAnalyzer ignores '${word}' (it matches nothing): use like "%...%"`);
      } else if (word === '!like' || word === 'nlike') {
        return fail(`FortiAnalyzer refuses '${word}': write !(field like "...")`);
      } else {
        return fail(
          `'${word ?? text[i]}' is not an operator FortiAnalyzer is known to honour (==, =, !=, <>, <, >, <=, >=, like)`,
        );
      }
      expect = 'value';
    } else if (expect === 'value') {
      if (ch === '"' || ch === "'") {
        let end = i + 1;
        while (end < text.length && text[end] !== ch) end += text[end] === '\\' ? 2 : 1;
        if (end >= text.length) fail('a quoted value is not closed');
        i = end + 1;
      } else {
        let end = i;
        while (end < text.length && BARE_RE.test(text[end]!)) end++;
        if (end === i) fail(`expected a value at position ${i}`);
        i = end;
      }
      expect = 'joiner';
    } else if (ch === ')') {
      if (depth === 0) fail('unbalanced parentheses');
      depth--;
      i++;
    } else {
      const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0]?.toLowerCase();
      if (word !== 'and' && word !== 'or') return fail(`expected 'and', 'or' or ')' at position ${i}`);
      i += word.length;
      expect = 'operand';
    }
  }
  if (expect !== 'joiner' || depth !== 0) fail('the expression is incomplete');
  return fields;
}
