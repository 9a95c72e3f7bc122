import { describe, expect, it } from 'vitest';
import { ApiError, FortixError } from '../../../src/core/errors.js';
import {
  FortiCareApiError,
  FortiCareInvalidRequestError,
  FortiCareInvalidTokenError,
  FortiCareOperationError,
  FortiCarePermissionError,
  toFortiCareError,
} from '../../../src/forticare/errors.js';

const reply = (
  status: number,
  errorCode?: number,
  message = 'Invalid incoming request.',
  detail = 'detail',
) => ({
  status,
  message,
  error: errorCode === undefined ? null : { errorCode, message: detail },
});

describe('FortiCare error mapping', () => {
  it('maps the public error codes to typed ApiError subclasses', () => {
    const cases = [
      [
        reply(
          -1,
          101,
          'Invalid incoming request.',
          'Both serialNumber and expireBefore cannot be empty at the same time.',
        ),
        400,
        FortiCareInvalidRequestError,
      ],
      [
        reply(-1, 102, 'Invalid incoming request.', 'Invalid cloud key provided for registration units[0]. '),
        400,
        FortiCareInvalidRequestError,
      ],
      [
        reply(-1, 201, 'Invalid incoming request.', 'Invalid security token.'),
        401,
        FortiCareInvalidTokenError,
      ],
      [
        reply(-2, 301, 'The license download function for given product category is not supported.'),
        400,
        FortiCareOperationError,
      ],
      [reply(2, 301, 'Failed', 'Failed'), 200, FortiCareOperationError],
      [reply(-1, undefined), 403, FortiCarePermissionError],
      [reply(-1, undefined), 401, FortiCareInvalidTokenError],
      [reply(-1, undefined), 400, FortiCareInvalidRequestError],
      [reply(-9, 999, 'Odd'), 500, FortiCareApiError],
    ] as const;
    for (const [envelope, httpStatus, Class] of cases) {
      const error = toFortiCareError({ path: 'products/list', httpStatus, envelope });
      expect(error.constructor).toBe(Class);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(FortixError);
      expect(error.product).toBe('forticare');
      expect(error.envelopeStatus).toBe(envelope.status);
      expect(error.status).toBe(httpStatus);
      expect(error.apiCode).toBe(envelope.error?.errorCode ?? envelope.status);
    }
  });

  it('says where, what and what to do', () => {
    const error = toFortiCareError({
      path: 'products/list',
      httpStatus: 400,
      envelope: reply(
        -1,
        101,
        'Invalid incoming request.',
        'Both serialNumber and expireBefore cannot be empty at the same time.',
      ),
    });
    expect(error.message).toContain('FortiCare products/list failed');
    expect(error.message).toContain('errorCode 101');
    expect(error.message).toContain('Both serialNumber and expireBefore cannot be empty');
    expect(error.message).toContain('Fix the request fields');
    expect(error.apiMessage).toBe('Both serialNumber and expireBefore cannot be empty at the same time.');
    expect(error.code).toBe('FORTICARE_INVALID_REQUEST');
    expect(error.url).toBe('products/list');
  });
});
