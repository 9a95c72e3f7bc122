/**
 * JSON-RPC urls come with or without a leading slash (`sys/login/user`), sometimes with a trailing
 * one, with keys URL-encoded (`host%201`) or written as they are (`host 1`), and — from some tools —
 * with `\/` escaping a slash inside a key. Returns the decoded path segments.
 */
export function splitUrl(url: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    if (ch === '\\' && url[i + 1] === '/') {
      current += '/';
      i++;
    } else if (ch === '/') {
      if (current !== '') segments.push(decode(current));
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') segments.push(decode(current));
  return segments;
}

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The canonical form of a decoded path, used as a store key. */
export function joinPath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) path += `/${segment.replaceAll('/', '%2F')}`;
  return path;
}
