import { describe, expect, it } from 'vitest';
import { hasControlCharacter, isRecord } from '../../../src/core/guards.js';

describe('hasControlCharacter', () => {
  it('is true exactly for the Unicode control characters (general category Cc)', () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (hasControlCharacter(text) !== /\p{Cc}/u.test(text)) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it('finds CR, LF, NUL and C1 characters anywhere, and nothing in plain text', () => {
    expect(['a\r\nb', '\0', 'x\u0085', '\u009f'].map(hasControlCharacter)).toEqual([true, true, true, true]);
    expect(['', 'root', 'Net_10.0.0.0/18', 'é\u00a0\u2028'].map(hasControlCharacter)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('isRecord', () => {
  it('takes plain objects, not null, arrays or primitives', () => {
    expect([{}, { a: 1 }, null, [], 'x', 1, undefined].map(isRecord)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
