import { describe, expect, it } from 'vitest';
import { BytesSink, TextSink } from '../../../src/core/body-sink.js';

/** `text` as UTF-8, cut into chunks of `size` bytes (cutting through multi-byte characters). */
function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

function fill<T>(sink: { add(chunk: Buffer): void; done(size: number): T }, parts: Buffer[]): T {
  for (const part of parts) sink.add(part);
  return sink.done(parts.reduce((sum, part) => sum + part.length, 0));
}

describe('body sinks', () => {
  const text = JSON.stringify({ name: 'Zürich → 東京 🚀', comment: 'x'.repeat(300) });

  it('decode UTF-8 text split anywhere, even inside a character', () => {
    for (const size of [1, 2, 3, 5, 7, 64, 1024]) expect(fill(new TextSink(), chunks(text, size))).toBe(text);
  });

  it('keep the bytes whole', () => {
    for (const size of [1, 3, 1024])
      expect(fill(new BytesSink(), chunks(text, size)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('give an empty body as empty', () => {
    expect(new TextSink().done()).toBe('');
    expect(new BytesSink().done(0).length).toBe(0);
  });

  it('replace bytes that are not UTF-8, as Buffer#toString does', () => {
    const bad = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    expect(fill(new TextSink(), [bad.subarray(0, 2), bad.subarray(2)])).toBe(bad.toString('utf8'));
  });
});
