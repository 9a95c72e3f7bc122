/**
 * FortiAnalyzer's string filter dialect (logview, FortiView, event and incident management), parsed
 * once per request into a row predicate that behaves as the appliance does:
 *
 * - conditions `field op value`, with `==`/`=`, `!=`/`<>`, `<`, `>`, `<=`, `>=`, `like` (`%` any run,
 *   `_` one character) and `~` (a regular expression; documented, not verified live); `*` in the value
 *   of `=`/`==` is a wildcard (as a documented example uses it); `field isnull` / `field isnotnull`;
 * - `and` (binds tighter), `or`, parentheses, and negation as `!( ... )`;
 * - values quoted `"..."` (with `\"` and `\\`) or `'...'`, or bare `[A-Za-z0-9._:-]+`;
 * - the traps recorded against real appliances: `contain`, `!contain` and any other unknown operator
 *   word are accepted and match nothing (no error); `not like`, `!like` and `nlike` are refused
 *   ("Invalid filter"), and so is a control character anywhere; enum values are not checked (a
 *   misspelt value matches nothing); a field the log does not have (e.g. a dotted name) matches
 *   nothing, negated or not (SQL three-valued logic: the comparison is unknown).
 */
import { FazCode, FazFailure } from '../status.js';

/** `true`, `false`, or `null` (unknown: a missing field, an inert operator). */
type Truth = boolean | null;
type Row = Readonly<Record<string, unknown>>;
type Node = (row: Row) => Truth;

export type RowPredicate = (row: Row) => boolean;

export interface CompiledFilter {
  readonly test: RowPredicate;
  /** Field names the filter reads. */
  readonly fields: ReadonlySet<string>;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'not' };

const SYMBOL_OPS = ['==', '!=', '<>', '<=', '>=', '!~', '=', '<', '>', '~'];
const BARE_RE = /[A-Za-z0-9._:-]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it detects
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const REFUSED_WORDS = new Set(['nlike', '!like']);

/** Compiles `filter`; an empty filter matches every row. Throws "Invalid filter" on a syntax error. */
export function compileFilter(filter: string, caseSensitive: boolean): CompiledFilter {
  const fields = new Set<string>();
  if (filter.trim() === '') return { test: () => true, fields };
  if (CONTROL_RE.test(filter)) invalid();
  const parser = new Parser(tokenize(filter), caseSensitive, fields);
  const root = parser.parse();
  return { test: (row) => root(row) === true, fields };
}

function invalid(): never {
  throw new FazFailure(FazCode.invalidParams, 'Invalid filter');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (ch === '"' || ch === "'") {
      const [value, next] = quoted(text, i);
      tokens.push({ kind: 'string', text: value });
      i = next;
    } else if (ch === '!' && /^!\s*\(/.test(text.slice(i))) {
      tokens.push({ kind: 'not' });
      i++;
    } else if (ch === '!' && /^!(like|contain)\b/i.test(text.slice(i))) {
      const word = /^!(like|contain)/i.exec(text.slice(i))![0];
      tokens.push({ kind: 'word', text: word.toLowerCase() });
      i += word.length;
    } else {
      const op = SYMBOL_OPS.find((candidate) => text.startsWith(candidate, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
      } else if (BARE_RE.test(ch)) {
        let end = i;
        while (end < text.length && BARE_RE.test(text[end]!)) end++;
        tokens.push({ kind: 'word', text: text.slice(i, end) });
        i = end;
      } else {
        invalid();
      }
    }
  }
  return tokens;
}

function quoted(text: string, start: number): [string, number] {
  const quote = text[start]!;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (ch === quote) {
      return [value, i + 1];
    } else {
      value += ch;
    }
  }
  return invalid();
}

class Parser {
  readonly #tokens: Token[];
  readonly #caseSensitive: boolean;
  readonly #fields: Set<string>;
  #at = 0;

  constructor(tokens: Token[], caseSensitive: boolean, fields: Set<string>) {
    this.#tokens = tokens;
    this.#caseSensitive = caseSensitive;
    this.#fields = fields;
  }

  parse(): Node {
    const node = this.#or();
    if (this.#at !== this.#tokens.length) invalid();
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #keyword(word: string): boolean {
    const token = this.#peek();
    if (token?.kind === 'word' && token.text.toLowerCase() === word) {
      this.#at++;
      return true;
    }
    return false;
  }

  #or(): Node {
    const parts = [this.#and()];
    while (this.#keyword('or')) parts.push(this.#and());
    return parts.length === 1 ? parts[0]! : anyOf(parts);
  }

  #and(): Node {
    const parts = [this.#unary()];
    while (this.#keyword('and')) parts.push(this.#unary());
    return parts.length === 1 ? parts[0]! : allOf(parts);
  }

  #unary(): Node {
    const token = this.#peek();
    if (token?.kind === 'not') {
      this.#at++;
      const inner = this.#group();
      return (row) => {
        const value = inner(row);
        return value === null ? null : !value;
      };
    }
    if (token?.kind === 'open') return this.#group();
    return this.#condition();
  }

  #group(): Node {
    if (this.#peek()?.kind !== 'open') invalid();
    this.#at++;
    const inner = this.#or();
    if (this.#peek()?.kind !== 'close') invalid();
    this.#at++;
    return inner;
  }

  #condition(): Node {
    const field = this.#peek();
    if (field?.kind !== 'word') return invalid();
    this.#at++;
    this.#fields.add(field.text);
    const op = this.#peek();
    if (op === undefined) return invalid();
    this.#at++;
    if (op.kind === 'word') {
      const word = op.text.toLowerCase();
      if (word === 'isnull' || word === 'isnotnull') return nullCheck(field.text, word === 'isnull');
      if (word === 'not' && this.#keyword('like')) return invalid();
      if (REFUSED_WORDS.has(word)) return invalid();
      const value = this.#value();
      if (word === 'like') return like(field.text, value, this.#caseSensitive);
      // `contain`, `!contain` and any unknown word: accepted, matches nothing.
      return () => null;
    }
    if (op.kind !== 'op') return invalid();
    return comparison(field.text, op.text, this.#value(), this.#caseSensitive);
  }

  #value(): string {
    const token = this.#peek();
    if (token?.kind !== 'word' && token?.kind !== 'string') return invalid();
    this.#at++;
    return token.text;
  }
}

function anyOf(parts: Node[]): Node {
  return (row) => {
    let unknown = false;
    for (const part of parts) {
      const value = part(row);
      if (value === true) return true;
      if (value === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

function allOf(parts: Node[]): Node {
  return (row) => {
    let unknown = false;
    for (const part of parts) {
      const value = part(row);
      if (value === false) return false;
      if (value === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function nullCheck(field: string, wantNull: boolean): Node {
  return (row) => {
    const value = row[field];
    const isNull = value === undefined || value === null || value === '';
    return isNull === wantNull;
  };
}

function like(field: string, pattern: string, caseSensitive: boolean): Node {
  const re = wildcardRegExp(pattern, { '%': '.*', _: '.' }, caseSensitive);
  return (row) => {
    const value = row[field];
    return value === undefined || value === null ? null : re.test(String(value));
  };
}

function comparison(field: string, op: string, operand: string, caseSensitive: boolean): Node {
  const number = operand.trim() !== '' && Number.isFinite(Number(operand)) ? Number(operand) : undefined;
  const ip = ipv4Number(operand);
  if (op === '~' || op === '!~') {
    let re: RegExp;
    try {
      re = new RegExp(operand, caseSensitive ? 's' : 'is');
    } catch {
      return invalid();
    }
    return (row) => {
      const value = row[field];
      if (value === undefined || value === null) return null;
      return re.test(String(value)) === (op === '~');
    };
  }
  const equality = op === '==' || op === '=' || op === '!=' || op === '<>';
  const wildcard = (op === '==' || op === '=') && operand.includes('*');
  const pattern = wildcard ? wildcardRegExp(operand, { '*': '.*' }, caseSensitive) : undefined;
  const text = caseSensitive ? operand : operand.toLowerCase();
  return (row) => {
    const value = row[field];
    if (value === undefined || value === null) return null;
    if (pattern) return pattern.test(String(value));
    let order: number;
    if (typeof value === 'number' && number !== undefined) {
      order = value - number;
    } else if (ip !== undefined && !equality) {
      const left = ipv4Number(String(value));
      if (left === undefined) return null;
      order = left - ip;
    } else {
      const left = caseSensitive ? String(value) : String(value).toLowerCase();
      order = left === text ? 0 : left < text ? -1 : 1;
    }
    switch (op) {
      case '==':
      case '=':
        return order === 0;
      case '!=':
      case '<>':
        return order !== 0;
      case '<':
        return order < 0;
      case '>':
        return order > 0;
      case '<=':
        return order <= 0;
      default:
        return order >= 0;
    }
  };
}

function wildcardRegExp(pattern: string, wildcards: Record<string, string>, caseSensitive: boolean): RegExp {
  let source = '';
  for (const ch of pattern) source += wildcards[ch] ?? ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${source}$`, caseSensitive ? 's' : 'is');
}

function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}
