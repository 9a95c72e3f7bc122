import { describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../../src/core/errors.js';
import { FortiCloudAuth } from '../../../src/forticloud/index.js';
import { parseTokenReply } from '../../../src/forticloud/token-reply.js';

const context = {
  grant: 'password' as const,
  clientId: 'assetmanagement',
  url: 'https://x/api/v1/oauth/token/',
};

describe('FortiCloud token values', () => {
  it('a token a header cannot carry is a ProtocolError when issued, not a reset when used', () => {
    for (const access_token of ['abc\r\ndef', 'abc def', 'abc\u0000']) {
      expect(() => parseTokenReply(200, { access_token }, 0, context)).toThrow(ProtocolError);
    }
    expect(parseTokenReply(200, { access_token: 'abc.DEF-123_~+/=' }, 0, context).accessToken).toBe(
      'abc.DEF-123_~+/=',
    );
  });

  it('a given token with a line break, or NaN/Infinity numbers, are refused when the client is made', () => {
    const base = { clientId: 'assetmanagement', url: 'http://127.0.0.1:9' };
    expect(() => new FortiCloudAuth({ ...base, token: 'abc\r\nx: y' })).toThrow(ValidationError);
    expect(
      () => new FortiCloudAuth({ ...base, token: { accessToken: 'abc', refreshToken: 5 as never } }),
    ).toThrow(ValidationError);
    for (const refreshMarginMs of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(() => new FortiCloudAuth({ ...base, token: 'abcd', refreshMarginMs })).toThrow(ValidationError);
    }
    expect(() => new FortiCloudAuth({ ...base, token: 'abcd', retry: { retries: Number.NaN } })).toThrow(
      ValidationError,
    );
    expect(() => new FortiCloudAuth({ ...base, clientId: 5 as never, token: 'abcd' })).toThrow(
      ValidationError,
    );
  });

  it('accessToken() and revoke() refuse a signal that is not an AbortSignal', async () => {
    const auth = new FortiCloudAuth({
      clientId: 'assetmanagement',
      url: 'http://127.0.0.1:9',
      token: 'abcd',
    });
    await expect(auth.accessToken({ signal: {} as AbortSignal })).rejects.toBeInstanceOf(ValidationError);
    await expect(auth.revoke({ signal: 'x' as never })).rejects.toBeInstanceOf(ValidationError);
    await auth.close();
  });
});
