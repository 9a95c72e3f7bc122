/**
 * Resolves literal FortiManager URLs to their templates with a segment trie: one step per URL
 * segment, literal segments before placeholders, backtracking only on a dead end.
 */
import { isPathParam, splitUrl } from '../url-escape.js';

export interface TrieMatch<T> {
  readonly value: T;
  readonly template: string;
  /** Placeholder values as FortiManager reads them (`a\\/b` is the name `a/b`). */
  readonly params: Record<string, string>;
}

interface End<T> {
  readonly value: T;
  readonly template: string;
  /** Placeholder names in order (templates sharing a trie path may name them differently). */
  readonly names: readonly string[];
}

interface Node<T> {
  readonly literals: Map<string, Node<T>>;
  /** A placeholder spanning exactly one segment. */
  param?: Node<T>;
  /** A `{pkg_path}`-like placeholder spanning one or more segments (a folder path). */
  path?: Node<T>;
  end?: End<T>;
}

const newNode = <T>(): Node<T> => ({ literals: new Map() });

export class UrlTrie<T> {
  readonly #root: Node<T> = newNode();

  /** Adds a template; the first value added for a template wins. */
  insert(template: string, value: T): void {
    let node = this.#root;
    const names: string[] = [];
    for (const segment of splitUrl(template)) {
      const placeholder = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (placeholder === undefined) {
        let next = node.literals.get(segment);
        if (next === undefined) {
          next = newNode();
          node.literals.set(segment, next);
        }
        node = next;
      } else {
        names.push(placeholder);
        const slot = isPathParam(placeholder) ? 'path' : 'param';
        const next = node[slot] ?? newNode<T>();
        node[slot] = next;
        node = next;
      }
    }
    node.end ??= { value, template, names };
  }

  match(url: string): TrieMatch<T> | undefined {
    const values: string[] = [];
    const end = this.#walk(this.#root, splitUrl(url), 0, values);
    if (end === undefined) return undefined;
    const params: Record<string, string> = {};
    end.names.forEach((name, i) => {
      params[name] = values[i] ?? '';
    });
    return { value: end.value, template: end.template, params };
  }

  /** Depth-first; `values` receives the placeholder values (in order) of the branch that matched. */
  #walk(node: Node<T>, segments: readonly string[], index: number, values: string[]): End<T> | undefined {
    if (index === segments.length) return node.end;
    const segment = segments[index] as string;
    const literal = node.literals.get(segment);
    if (literal !== undefined) {
      const found = this.#walk(literal, segments, index + 1, values);
      if (found !== undefined) return found;
    }
    if (node.param !== undefined) {
      const depth = values.push(segment);
      const found = this.#walk(node.param, segments, index + 1, values);
      if (found !== undefined) return found;
      values.length = depth - 1;
    }
    if (node.path !== undefined) {
      // Shortest path first, so a template with a literal tail (`{pkg_path}/scope member`) wins.
      for (let end = index + 1; end <= segments.length; end++) {
        const depth = values.push(segments.slice(index, end).join('/'));
        const found = this.#walk(node.path, segments, end, values);
        if (found !== undefined) return found;
        values.length = depth - 1;
      }
    }
    return undefined;
  }
}
