import { type Filter, type FilterValue, f } from '../../fortimanager/index.js';
import { UsageError } from '../usage.js';

/**
 * Reads `--filter`: FortiManager's raw JSON form (`[["name","like","h%"]]`), or a readable one that
 * maps to the filter builder:
 *
 * ```text
 * name like h%                      -> ['name', 'like', 'h%']
 * type == ipmask && name like 'web %'
 * !(name == all) || type in ipmask,iprange
 * ```
 * Operators: `== != < <= > >= like in contain`; `&&`/`and`, `||`/`or`, `!`/`not`, parentheses.
 * Bare numbers are numbers; quote a value ('…' or "…") to keep it a string or to put spaces in it.
 */
export function parseFilter(text: string): Filter {
  const source = text.trim();
  if (source.startsWith('[')) {
    try {
      const raw: unknown = JSON.parse(source);
      if (Array.isArray(raw)) return raw;
    } catch {
      // fall through to the message below
    }
    throw new UsageError(`--filter '${text}' starts like JSON but is not a JSON array`);
  }
  const parser = new Parser(tokenize(source), text);
  const filter = parser.or();
  parser.end();
  return filter;
}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '=', '<', '>', '!'];
const WORD_OPS = new Set(['like', 'in', 'contain']);
const COMPARISONS = new Set(['==', '=', '!=', '<', '<=', '>', '>=']);
const BARE = /[^\s()'",=!<>&|]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      for (i++; i < source.length && source[i] !== c; i++) {
        value += source[i] === '\\' && i + 1 < source.length ? source[++i] : source[i];
      }
      if (i >= source.length) throw new UsageError(`--filter: a ${c} quote is not closed`);
      tokens.push({ kind: 'string', text: value });
      i++;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let word = '';
      while (i < source.length && BARE.test(source[i]!)) word += source[i++];
      tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}

class Parser {
  #at = 0;
  readonly #tokens: Token[];
  readonly #text: string;

  constructor(tokens: Token[], text: string) {
    this.#tokens = tokens;
    this.#text = text;
  }

  or(): Filter {
    let left = this.and();
    while (this.#take('||', 'or')) left = f.or(left, this.and());
    return left;
  }

  end(): void {
    const rest = this.#tokens[this.#at];
    if (rest) this.#fail(`unexpected '${rest.text}'`);
  }

  and(): Filter {
    let left = this.unary();
    while (this.#take('&&', 'and')) left = f.and(left, this.unary());
    return left;
  }

  unary(): Filter {
    if (this.#take('!', 'not')) return f.not(this.unary());
    if (this.#take('(')) {
      const inner = this.or();
      if (!this.#take(')')) this.#fail("a '(' is not closed");
      return inner;
    }
    return this.condition();
  }

  condition(): Filter {
    const field = this.#tokens[this.#at++];
    if (!field || (field.kind !== 'word' && field.kind !== 'string')) this.#fail('expected a field name');
    const op = this.#tokens[this.#at++];
    const name = op?.text.toLowerCase() ?? '';
    if (!op || !(COMPARISONS.has(name) || (op.kind === 'word' && WORD_OPS.has(name)))) {
      this.#fail(`expected an operator after '${field.text}' (== != < <= > >= like in contain)`);
    }
    const values = [this.#value()];
    while (name === 'in' && this.#take(',')) values.push(this.#value());
    switch (name) {
      case 'in':
        return f.in(field.text, ...values);
      case 'like':
        return f.like(field.text, values[0]!);
      case 'contain':
        return f.contain(field.text, values[0]!);
      case '!=':
        return f.ne(field.text, values[0]!);
      case '<':
        return f.lt(field.text, values[0]!);
      case '<=':
        return f.le(field.text, values[0]!);
      case '>':
        return f.gt(field.text, values[0]!);
      case '>=':
        return f.ge(field.text, values[0]!);
      default:
        return f.eq(field.text, values[0]!);
    }
  }

  #value(): FilterValue {
    const token = this.#tokens[this.#at++];
    if (!token || (token.kind !== 'word' && token.kind !== 'string')) this.#fail('expected a value');
    return token.kind === 'word' && NUMBER.test(token.text) ? Number(token.text) : token.text;
  }

  #take(...texts: string[]): boolean {
    const token = this.#tokens[this.#at];
    if (!token || token.kind === 'string' || !texts.includes(token.text.toLowerCase())) return false;
    this.#at++;
    return true;
  }

  #fail(what: string): never {
    throw new UsageError(`--filter '${this.#text}': ${what}`);
  }
}
