import { StringDecoder } from 'node:string_decoder';

/** How a reply's body is kept while it streams in (the transport counts its size). */
export interface BodySink<T> {
  add(chunk: Buffer): void;
  /** The whole body; `size`: its length in bytes. */
  done(size: number): T;
}

/** The body's bytes, in one Buffer. */
export class BytesSink implements BodySink<Buffer> {
  readonly #chunks: Buffer[] = [];

  add(chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  done(size: number): Buffer {
    const chunks = this.#chunks;
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  }
}

/**
 * The body as UTF-8 text, decoded chunk by chunk once there is more than one. For a big JSON reply
 * this is cheaper than joining the bytes first: each reply of a megabyte would allocate a megabyte
 * outside the JavaScript heap, and a stream of those makes V8 run its full collector several times
 * as often (BENCHMARKS.md, fifth session of 2026-12-01: 32 major collections per 200 pages against 4).
 */
export class TextSink implements BodySink<string> {
  #first: Buffer | undefined;
  #decoder: StringDecoder | undefined;
  #text = '';

  add(chunk: Buffer): void {
    if (this.#decoder === undefined) {
      if (this.#first === undefined) {
        this.#first = chunk;
        return;
      }
      this.#decoder = new StringDecoder('utf8');
      this.#text = this.#decoder.write(this.#first);
      this.#first = undefined;
    }
    this.#text += this.#decoder.write(chunk);
  }

  done(): string {
    if (this.#decoder) return this.#text + this.#decoder.end();
    return this.#first === undefined ? '' : this.#first.toString('utf8');
  }
}
