import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { Issues } from '../../../src/core/issues.js';
import {
  checkLicenseCode,
  checkLocation,
  checkSerial,
  checkSerialList,
  isoDate,
} from '../../../src/forticare/validation.js';

function issuesOf(run: (issues: Issues) => void): string[] {
  const issues = new Issues();
  run(issues);
  return issues.list.map((i) => `${i.path}: ${i.message}`);
}

describe('FortiCare input validation', () => {
  it('accepts real serial number shapes and explains the wrong ones', () => {
    expect(issuesOf((i) => checkSerial(i, 'FGT60FTK1234ABCD', 's'))).toEqual([]);
    expect(issuesOf((i) => checkSerial(i, 'FGVM02TM21000303', 's'))).toEqual([]);
    expect(issuesOf((i) => checkSerial(i, 'fgt60ftk1234abcd', 's'))[0]).toContain('upper case');
    expect(issuesOf((i) => checkSerial(i, 'FGT', 's'))[0]).toContain('is not a serial number');
    expect(issuesOf((i) => checkSerial(i, undefined, 's'))[0]).toContain('required');
  });

  it('finds duplicate serial numbers in a list', () => {
    const found = issuesOf((i) =>
      checkSerialList(i, ['FGT60FTK1234ABCD', 'FGT60FTK1234ABCD'], 'serialNumbers'),
    );
    expect(found).toEqual(['serialNumbers[1]: "FGT60FTK1234ABCD" is listed twice']);
    expect(issuesOf((i) => checkSerialList(i, [], 'serialNumbers'))).toHaveLength(1);
  });

  it('accepts ISO 8601 dates, including the short offsets of the FortiCare examples, and Date objects', () => {
    const issues = new Issues();
    expect(isoDate(issues, '2026-01-01T10:11:12-8:00', 'd')).toBe('2026-01-01T10:11:12-8:00');
    expect(isoDate(issues, '2026-01-01', 'd')).toBe('2026-01-01');
    expect(isoDate(issues, new Date(Date.UTC(2027, 0, 2)), 'd')).toBe('2027-01-02T00:00:00.000Z');
    expect(issues.list).toEqual([]);
    expect(isoDate(issues, '2026-13-45T00:00:00Z', 'd')).toBeUndefined();
    expect(isoDate(issues, 'next tuesday', 'd')).toBeUndefined();
    expect(isoDate(issues, new Date(Number.NaN), 'd')).toBeUndefined();
    expect(issues.list).toHaveLength(3);
  });

  it('checks country codes (ISO 3166 alpha-2), state abbreviations, phone and e-mail formats', () => {
    expect(
      issuesOf((i) =>
        checkLocation(i, { countryCode: 'US', stateOrProvince: 'CA', phone: '+1 4085551234' }, 'l'),
      ),
    ).toEqual([]);
    expect(issuesOf((i) => checkLocation(i, { countryCode: 'DE', stateOrProvince: 'Bayern' }, 'l'))).toEqual(
      [],
    );
    const found = issuesOf((i) =>
      checkLocation(i, { countryCode: 'USA', phone: '4085551234', email: 'nobody' }, 'l'),
    );
    expect(found).toEqual([
      'l.countryCode: "USA" is not an ISO 3166 alpha-2 code (e.g. US, DE, FR)',
      'l.phone: "4085551234" must look like "+<country code> <number>", e.g. "+1 4085551234"',
      'l.email: "nobody" is not an e-mail address',
    ]);
    expect(
      issuesOf((i) => checkLocation(i, { countryCode: 'CA', stateOrProvince: 'Ontario' }, 'l'))[0],
    ).toContain('2-letter abbreviation');
    expect(issuesOf((i) => checkLocation(i, { city: 'Paris' }, 'l'))[0]).toContain(
      'country code is required',
    );
  });

  it('checks the license registration code shape', () => {
    expect(issuesOf((i) => checkLicenseCode(i, 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXYZ', 'c'))).toEqual([]);
    expect(issuesOf((i) => checkLicenseCode(i, 'ABCDE-FGHIJ', 'c'))).toHaveLength(1);
  });

  it('reports every issue of a request in one ValidationError', () => {
    const issues = new Issues();
    checkSerial(issues, 'bad', 'registrationUnits[0].serialNumber');
    checkLocation(issues, { countryCode: 'XX' }, 'locations[0]');
    let error: unknown;
    try {
      issues.throwIfAny('products.register request');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.field).toBe('registrationUnits[0].serialNumber');
    expect(v.message).toContain('nothing was sent');
    expect(v.message).toContain('locations[0].countryCode');
    expect((v.details.issues as unknown[]).length).toBe(2);
  });
});
