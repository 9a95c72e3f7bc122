/**
 * Url patterns of the handlers that are not the stored database: `{name}` matches one segment,
 * `**` the rest of the url (possibly nothing).
 */
export interface RouteParams {
  readonly adom?: string;
  readonly device?: string;
  /** A policy package's path (`folder/.../name`, one segment once dispatch has read it). */
  readonly pkg?: string;
  /** What `**` matched. */
  readonly rest: readonly string[];
}

export interface Route<H> {
  readonly pattern: readonly string[];
  readonly handler: H;
}

export function route<H>(pattern: string, handler: H): Route<H> {
  return { pattern: pattern.split('/').filter(Boolean), handler };
}

/** The first route matching the segments, with its params. */
export function findRoute<H>(
  routes: readonly Route<H>[],
  segments: readonly string[],
): { handler: H; params: RouteParams } | undefined {
  // The endpoint keeps one segments array per distinct url: a batch of rows matches once.
  let known = matched.get(routes);
  if (!known) {
    known = new WeakMap();
    matched.set(routes, known);
  }
  const hit = known.get(segments);
  if (hit !== undefined) return (hit ?? undefined) as { handler: H; params: RouteParams } | undefined;
  let found: { handler: H; params: RouteParams } | undefined;
  for (const candidate of routes) {
    const params = matchPattern(candidate.pattern, segments);
    if (params) {
      found = { handler: candidate.handler, params };
      break;
    }
  }
  known.set(segments, found ?? null);
  return found;
}

/** Per route list, what each segments array matched (null: nothing). */
const matched = new WeakMap<
  object,
  WeakMap<readonly string[], { handler: unknown; params: RouteParams } | null>
>();

function matchPattern(pattern: readonly string[], segments: readonly string[]): RouteParams | undefined {
  const params: Record<string, string> = {};
  // Only `{adom}`, `{device}` and `{pkg}` are used as route placeholders.
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    if (part === '**') return { ...params, rest: segments.slice(i) };
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return segments.length === pattern.length ? { ...params, rest: [] } : undefined;
}
