/** A minimal `multipart/form-data` reader for simulated uploads (the whole body is in memory). */

export interface FormPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, if it names one. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** The parts of a multipart body, or undefined when the body is not delimited by `boundary`. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  if (!body.subarray(0, delimiter.length).equals(delimiter)) return undefined;
  const parts: FormPart[] = [];
  let start = delimiter.length;
  for (;;) {
    const next = body.indexOf(delimiter, start);
    if (next < 0) return parts;
    const chunk = body.subarray(start, next);
    const part = parsePart(trimLineBreaks(chunk));
    if (part) parts.push(part);
    if (body.subarray(next + delimiter.length, next + delimiter.length + 2).toString() === '--') return parts;
    start = next + delimiter.length;
  }
}

function parsePart(chunk: Buffer): FormPart | undefined {
  const split = chunk.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const headers = chunk.subarray(0, split).toString('utf8').split('\r\n');
  const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
  return {
    name,
    filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
    contentType,
    data: chunk.subarray(split + 4),
  };
}

function trimLineBreaks(chunk: Buffer): Buffer {
  let from = 0;
  let to = chunk.length;
  if (chunk[0] === 0x0d && chunk[1] === 0x0a) from = 2;
  if (chunk[to - 2] === 0x0d && chunk[to - 1] === 0x0a) to -= 2;
  return chunk.subarray(from, to);
}
