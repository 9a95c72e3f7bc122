/**
 * `get` answers whose rows are already serialized (UTF-8 JSON, one Buffer per row, see rendered.ts),
 * and the reply bytes built around them: the rows are copied into the reply as they are, never parsed
 * back, stringified again or re-encoded.
 */

/** The data of a `get` answer: a list of serialized rows, or one serialized object. */
export class JsonRows {
  constructor(
    readonly rows: readonly Buffer[],
    readonly list: boolean,
  ) {}

  get byteLength(): number {
    let size = this.list ? Math.max(1, this.rows.length) + 1 : 0;
    for (const row of this.rows) size += row.length;
    return size;
  }
}

const OPEN = 0x5b; // [
const COMMA = 0x2c; // ,
const CLOSE = 0x5d; // ]

/** The UTF-8 bytes of JSON text given as pieces: text as it is, and rows already serialized. */
export function jsonBytes(pieces: ReadonlyArray<string | JsonRows>): Buffer {
  let size = 0;
  for (const piece of pieces) size += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      at += out.write(piece, at);
      continue;
    }
    if (piece.list) out[at++] = OPEN;
    const { rows } = piece;
    for (let i = 0; i < rows.length; i++) {
      if (i > 0) out[at++] = COMMA;
      // TypedArray's own set: Buffer's copy checks its arguments in JavaScript, per row.
      const row = rows[i]!;
      out.set(row, at);
      at += row.length;
    }
    if (piece.list) out[at++] = CLOSE;
  }
  return out;
}
