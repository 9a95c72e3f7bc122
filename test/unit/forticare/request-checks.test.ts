import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { Issues } from '../../../src/core/issues.js';
import { resolveRegistration } from '../../../src/forticare/registration.js';
import { REQUEST_KEYS } from '../../../src/forticare/request-keys.js';
import { isoDate, requestIssues } from '../../../src/forticare/validation.js';

describe('FortiCare dates', () => {
  it('refuses days and times that do not exist, and accepts leap days and short offsets', () => {
    const issues = new Issues();
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-00-10',
      '2026-01-01T24:00',
      '2026-01-01T12:60:00Z',
      '2026-01-01T10:00:61Z',
      '2026-01-01T10:00:00+15:00',
    ]) {
      expect(isoDate(issues, bad, 'd'), bad).toBeUndefined();
    }
    expect(issues.list).toHaveLength(8);
    const fine = new Issues();
    for (const good of [
      '2028-02-29',
      '2026-12-31T23:59:59.999Z',
      '2026-01-01T10:11:12-8:00',
      '2026-06-30T00:00+05:30',
    ]) {
      expect(isoDate(fine, good, 'd'), good).toBe(good);
    }
    expect(fine.list).toEqual([]);
  });
});

describe('FortiCare request checks', () => {
  it('names an unknown key and the key it probably meant', () => {
    const issues = requestIssues(
      { serialNumber: '%', PageNumber: 2, colour: 'red' },
      REQUEST_KEYS.productsList,
      undefined,
      'x',
    );
    expect(issues.list).toEqual([
      expect.objectContaining({
        path: 'PageNumber',
        code: 'unknown-key',
        message: expect.stringContaining('did you mean pageNumber?'),
      }),
      expect.objectContaining({
        path: 'colour',
        code: 'unknown-key',
        message: expect.not.stringContaining('did you mean'),
      }),
    ]);
  });

  it('throws at once for a request that is no object, or call options that are not options', () => {
    for (const request of [undefined, null, 'FGT60FTK00000001', ['x'], 5]) {
      expect(() => requestIssues(request, REQUEST_KEYS.productsList, undefined, 'x')).toThrow(
        ValidationError,
      );
    }
    expect(() => requestIssues({}, REQUEST_KEYS.productsList, { signal: {} }, 'x')).toThrow(/AbortSignal/);
  });

  it('checks registrations unit by unit without a TypeError on nulls, strings or lists', () => {
    const error = (() => {
      try {
        resolveRegistration({
          registrationUnits: [
            null,
            'FGT60FTK00000001',
            { serialNumber: 'FGT60FTK00000002', assetGroupIds: 3, location: 'x' },
          ] as never,
          locations: { countryCode: 'US' } as never,
        });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'locations',
      'registrationUnits[0]',
      'registrationUnits[1]',
      'registrationUnits[2].assetGroupIds',
      'registrationUnits[2].location',
    ]);
  });
});
