/**
 * A route table: `METHOD /path/{param}/...` patterns matched against a request path. A path that
 * matches with another method is reported, so the caller can answer 405 instead of 404.
 */

export interface RouteMatch<H> {
  readonly handler: H;
  readonly params: Readonly<Record<string, string>>;
}

interface CompiledRoute<H> {
  readonly method: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly handler: H;
}

export class Router<H> {
  readonly #routes: CompiledRoute<H>[] = [];

  /** Adds `pattern` (e.g. `/api/3/{module}/{uuid}`); a trailing `/` in the pattern is required on the wire. */
  add(method: string, pattern: string, handler: H): this {
    const names: string[] = [];
    const source = pattern
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    this.#routes.push({ method, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The first route for this method and path; `methodNotAllowed` when only other methods match. */
  match(method: string, path: string): RouteMatch<H> | { methodNotAllowed: true } | undefined {
    let otherMethod = false;
    for (const route of this.#routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        otherMethod = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]!);
      });
      return { handler: route.handler, params };
    }
    return otherMethod ? { methodNotAllowed: true } : undefined;
  }
}
