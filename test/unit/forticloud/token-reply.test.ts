import { describe, expect, it } from 'vitest';
import { AuthError, ProtocolError, ValidationError } from '../../../src/core/errors.js';
import { serviceUrl } from '../../../src/core/urls.js';
import { parseTokenReply } from '../../../src/forticloud/token-reply.js';

const context = {
  grant: 'password' as const,
  clientId: 'assetmanagement',
  url: 'https://auth/api/v1/oauth/token/',
};

describe('FortiCloud token replies', () => {
  it('reads the documented success reply', () => {
    const token = parseTokenReply(
      200,
      {
        access_token: 'srgkxUG9SqqREDACTEDK5qG27tqktk',
        expires_in: 3600,
        message: 'successfully authenticated',
        refresh_token: 'jie6v6qV62REDACTEDwmL6GEcmZgst',
        scope: 'read write',
        status: 'success',
        token_type: 'Bearer',
      },
      1_000,
      context,
    );
    expect(token).toEqual({
      accessToken: 'srgkxUG9SqqREDACTEDK5qG27tqktk',
      refreshToken: 'jie6v6qV62REDACTEDwmL6GEcmZgst',
      expiresAt: 1_000 + 3_600_000,
      lifetimeMs: 3_600_000,
      scope: 'read write',
    });
  });

  it('turns the error shapes FortiCloud uses into AuthErrors that say what to do', () => {
    const shapes: Array<[number, unknown, string]> = [
      [
        401,
        { error: 'invalid_grant', error_description: 'Invalid credentials given.' },
        'invalid_grant: Invalid credentials given.',
      ],
      [400, { error_message: 'User is disabled' }, 'User is disabled'],
      [401, { oauth: { detail: 'Invalid client' } }, 'Invalid client'],
      [500, {}, 'HTTP 500'],
    ];
    for (const [status, body, text] of shapes) {
      const error = (() => {
        try {
          return parseTokenReply(status, body, 0, context);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).message).toContain(text);
      expect((error as AuthError).message).toContain('API user id and password');
    }
    const refresh = (() => {
      try {
        return parseTokenReply(401, { error: 'invalid_grant' }, 0, { ...context, grant: 'refresh_token' });
      } catch (e) {
        return e;
      }
    })();
    expect((refresh as AuthError).message).toContain('refresh token');
  });

  it('calls a 200 without a token a protocol error', () => {
    expect(() => parseTokenReply(200, { hello: 'world' }, 0, context)).toThrowError(ProtocolError);
  });
});

describe('service URLs', () => {
  it('appends the default path to a bare origin and keeps explicit paths', () => {
    expect(serviceUrl('http://127.0.0.1:8080', '/api/v1/oauth', 'authUrl')).toBe(
      'http://127.0.0.1:8080/api/v1/oauth',
    );
    expect(serviceUrl('http://127.0.0.1:8080/', '/api/v1/oauth', 'authUrl')).toBe(
      'http://127.0.0.1:8080/api/v1/oauth',
    );
    expect(serviceUrl('https://a.example/custom/', '/x', 'authUrl')).toBe('https://a.example/custom');
    expect(() => serviceUrl('ftp://a', '/x', 'authUrl')).toThrowError(ValidationError);
    expect(() => serviceUrl('https://a/?token=1', '/x', 'authUrl')).toThrowError(/query/);
  });
});
