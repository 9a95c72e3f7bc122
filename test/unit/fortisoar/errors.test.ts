import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  AuthError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
} from '../../../src/core/errors.js';
import { serverWords, toFortiSoarError } from '../../../src/fortisoar/errors.js';
import { FortiSoarApiError } from '../../../src/fortisoar/index.js';

describe('FortiSOAR error mapping', () => {
  it('reads the server words from each error shape', () => {
    expect(serverWords({ '@type': 'hydra:Error', 'hydra:description': 'Not Found' }, 404)).toEqual({
      message: 'Not Found',
      apiCode: 'hydra:Error',
      issues: [],
    });
    expect(serverWords({ code: 401, message: 'Expired JWT Token' }, 401)).toMatchObject({
      message: 'Expired JWT Token',
      apiCode: 401,
    });
    expect(serverWords({ detail: 'Not found.' }, 404).message).toBe('Not found.');
    expect(
      serverWords({ non_field_errors: ['The fields name, connector, agent must make a unique set.'] }, 400)
        .message,
    ).toContain('unique set');
    expect(
      serverWords(
        {
          type: 'https://tools.ietf.org/html/rfc2616#section-10',
          title: 'An error occurred',
          detail: 'Bad filter',
        },
        400,
      ),
    ).toMatchObject({
      message: 'Bad filter',
      apiCode: 'https://tools.ietf.org/html/rfc2616#section-10',
    });
    expect(
      serverWords(
        {
          'hydra:description': 'name: blank',
          violations: [{ propertyPath: 'name', message: 'This value should not be blank.' }],
        },
        400,
      ).issues,
    ).toEqual([{ path: 'name', message: 'This value should not be blank.' }]);
  });

  it('maps statuses into the shared categories', () => {
    const at = (status: number, data: unknown) => toFortiSoarError(status, data, 'GET /api/3/alerts');
    expect(at(404, { 'hydra:description': 'Not Found' })).toBeInstanceOf(NotFoundError);
    expect(at(409, { 'hydra:description': 'exists' })).toBeInstanceOf(AlreadyExistsError);
    expect(at(400, { message: 'The fields name, connector, agent must make a unique set.' })).toBeInstanceOf(
      AlreadyExistsError,
    );
    expect(at(403, { 'hydra:description': 'Access Denied.' })).toBeInstanceOf(PermissionDeniedError);
    expect(at(403, { code: 403, message: 'Could not validate HMAC fingerprint' })).toBeInstanceOf(AuthError);
    expect(at(401, { code: 401, message: 'Invalid API key' })).toBeInstanceOf(AuthError);
    for (const status of [400, 405, 415, 422])
      expect(at(status, { detail: 'no' })).toBeInstanceOf(InvalidRequestError);
    const server = at(500, '<html>');
    expect(server).toBeInstanceOf(FortiSoarApiError);
    expect(server).not.toBeInstanceOf(InvalidRequestError);
    expect(server.message).toContain('try again later');
  });
});
