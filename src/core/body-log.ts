import type { Redactor } from './logging.js';

/** Characters of a body a `logBodies` line shows; the rest is cut, with the body's size stated. */
export const LOGGED_BODY_CHARS = 8_192;
/**
 * Text redacted before it is cut: a secret that straddles the cut is still recognized whole, and
 * even where redaction lengthens the text (short secrets) the shown part lies well inside it.
 */
const REDACTION_WINDOW_CHARS = 64 * 1024;
const TEXT_TYPE = /json|^text\/|xml|x-www-form-urlencoded|javascript|yaml|csv/i;
/** Bytes looked at to tell text from binary when there is no content type. */
const SNIFF_BYTES = 1_024;

/** The first `maxChars` characters of `text`, secrets redacted, without redacting all of a huge text. */
function redactedPrefix(redactor: Redactor, text: string, maxChars: number): string {
  const window = text.length > REDACTION_WINDOW_CHARS ? text.slice(0, REDACTION_WINDOW_CHARS) : text;
  const redacted = redactor.redactText(window);
  return redacted.length > maxChars ? redacted.slice(0, maxChars) : redacted;
}

/**
 * A request or response body as a `logBodies` line shows it: the text as the wire carries it,
 * secrets redacted, cut after {@link LOGGED_BODY_CHARS} characters with the whole size stated; a
 * binary or multipart body is only described (`[binary body: 5120 bytes, application/pdf]`).
 * Undefined for no body.
 *
 * @example
 * loggedBody('{"user":"admin","passwd":"fortinet"}', 'application/json', redactor); // '{"user":"admin","passwd":"[REDACTED]"}'
 */
export function loggedBody(
  body: string | Uint8Array | undefined,
  contentType: string | undefined,
  redactor: Redactor,
): string | undefined {
  if (body === undefined || body.length === 0) return undefined;
  const bytes = () => (typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  if (!isText(body, contentType)) {
    return `[binary body: ${bytes()} bytes${contentType ? `, ${contentType}` : ''}]`;
  }
  const text =
    typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
  if (text.length <= LOGGED_BODY_CHARS) return redactor.redactText(text);
  return `${redactedPrefix(redactor, text, LOGGED_BODY_CHARS)}… [cut: ${bytes()} bytes in all]`;
}

function isText(body: string | Uint8Array, contentType: string | undefined): boolean {
  if (contentType !== undefined) return TEXT_TYPE.test(contentType);
  if (typeof body === 'string') return true;
  const end = Math.min(body.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (body[i] === 0) return false;
  return true;
}
