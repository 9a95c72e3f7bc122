import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import {
  apiErrorFor,
  FortiManagerApiError,
  InvalidDataError,
  InvalidUrlError,
  ObjectExistsError,
  ObjectNotFoundError,
  PermissionError,
  WorkspaceLockError,
} from '../../../src/fortimanager/errors.js';
import { looksStale, settle } from '../../../src/fortimanager/rpc.js';

const call = { method: 'add', url: '/pm/config/adom/root/obj/firewall/address', requestId: 7 };

describe('apiErrorFor', () => {
  it.each([
    [-2, ObjectExistsError, 'Object already exists'],
    [-3, ObjectNotFoundError, 'Object does not exist'],
    [-6, InvalidUrlError, 'Invalid url'],
    [-10, InvalidDataError, 'The data is invalid for selected url'],
    [-11, PermissionError, 'No permission for the resource'],
    [-20055, WorkspaceLockError, 'Workspace is locked by other user'],
    [-10147, WorkspaceLockError, 'no write permission'],
    [-1, FortiManagerApiError, 'Internal error'],
  ])('maps code %i to %s', (code, Class, message) => {
    const error = apiErrorFor({ ...call, code, message });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(FortiManagerApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.apiCode).toBe(code);
    expect(error.apiCode).toBe(code);
    expect(error.url).toBe(call.url);
    expect(error.method).toBe('add');
    expect(error.product).toBe('fortimanager');
    expect(error.requestId).toBe(7);
    expect(error.apiMessage).toBe(message);
    expect(error.message).toContain(`add ${call.url}: ${message} (code ${code})`);
  });

  it('tells a busy lock from a missing one', () => {
    expect(
      (
        apiErrorFor({
          ...call,
          code: -20055,
          message: 'Workspace is locked by other user',
        }) as WorkspaceLockError
      ).busy,
    ).toBe(true);
    expect(
      (apiErrorFor({ ...call, code: -10147, message: 'no write permission' }) as WorkspaceLockError).busy,
    ).toBe(false);
  });
});

describe('settle', () => {
  it('returns data on code 0 and on codes listed in okCodes', () => {
    expect(settle({ status: { code: 0, message: 'OK' }, data: { name: 'h1' } }, call)).toEqual({
      name: 'h1',
    });
    expect(
      settle({ status: { code: -2, message: 'Object already exists' } }, { ...call, okCodes: [-2] }),
    ).toBeUndefined();
  });

  it('throws the typed error otherwise', () => {
    expect(() => settle({ status: { code: -2, message: 'Object already exists' } }, call)).toThrow(
      ObjectExistsError,
    );
  });
});

describe('looksStale', () => {
  it('is true only when every entry is -11', () => {
    const denied = { status: { code: -11, message: 'No permission for the resource' } };
    const ok = { status: { code: 0, message: 'OK' } };
    expect(looksStale([denied, denied])).toBe(true);
    expect(looksStale([denied, ok])).toBe(false);
    expect(looksStale([])).toBe(false);
  });
});
