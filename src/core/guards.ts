/** True for a non-null, non-array object: a JSON object as `JSON.parse` makes it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The Unicode control characters (general category Cc, fixed by Unicode's stability policy), as a
// plain class: a `\p{Cc}` property class costs ten times more to compile on first use, which a
// one-shot script pays in its first call.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it detects
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** True when `text` holds a control character (CR, LF, NUL, ...), which no URL or header value carries. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
