/**
 * How FortiManager reads the `url` of a JSON-RPC param: path segments separated by `/`, with or
 * without a leading or trailing slash. Inside a segment (an object name) a backslash escapes the next
 * `/` or `\` (`Net_10.0.0.0\/18` is one name); nothing is percent-decoded (`web%20server` is the literal
 * name `web%20server`, and a space is sent as a space).
 */
export function splitUrl(url: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    const next = url[i + 1];
    if (ch === '\\' && (next === '/' || next === '\\')) {
      current += next;
      i++;
    } else if (ch === '/') {
      if (current !== '') segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') segments.push(current);
  return segments;
}

/** A JSON-RPC url for these segments, each escaped as FortiManager reads it (the inverse of `splitUrl`). */
export function urlOf(segments: readonly string[]): string {
  let url = '';
  for (const segment of segments) url += `/${segment.replaceAll('\\', '\\\\').replaceAll('/', '\\/')}`;
  return url;
}

/**
 * The canonical store key of a path: `/`-joined segments, with `%` and `/` inside a segment written
 * `%25` and `%2F` (so that no two different paths share a key).
 */
export function joinPath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) path += `/${keySegment(segment)}`;
  return path;
}

/** Keys already cut (a write of many rows asks for the same container key once per row). */
const cutKeys = new Map<string, readonly string[]>();

/** The segments of a store key (the inverse of `joinPath`). */
export function keySegments(key: string): readonly string[] {
  let segments = cutKeys.get(key);
  if (!segments) {
    segments = Object.freeze(
      key
        .split('/')
        .slice(1)
        .map((segment) => segment.replaceAll('%2F', '/').replaceAll('%25', '%')),
    );
    if (cutKeys.size >= 4096) cutKeys.clear();
    cutKeys.set(key, segments);
  }
  return segments;
}

function keySegment(segment: string): string {
  return segment.includes('%') || segment.includes('/')
    ? segment.replaceAll('%', '%25').replaceAll('/', '%2F')
    : segment;
}
