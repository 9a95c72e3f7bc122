import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { registrationBody, resolveRegistration } from '../../../src/forticare/registration.js';
import type { Location } from '../../../src/forticare/types.js';

const hq: Location = { company: 'ACME', city: 'Sunnyvale', stateOrProvince: 'CA', countryCode: 'US' };
const lab: Location = { city: 'Valbonne', countryCode: 'FR' };

describe('registration requests', () => {
  it('gives every chunk its own locations array and rewrites the references', () => {
    const units = resolveRegistration({
      registrationUnits: [
        { serialNumber: 'FGT60FTK00000001', location: { ref: '#/locations/1' } },
        { serialNumber: 'FGT60FTK00000002', location: lab },
        { serialNumber: 'FGT60FTK00000003', location: { ref: '#/locations/0' } },
        { serialNumber: 'FGT60FTK00000004' },
      ],
      locations: [hq, lab],
    });
    const first = registrationBody(units.slice(0, 2), undefined);
    expect(first.locations).toEqual([lab]);
    expect(first.registrationUnits.map((u) => u.location)).toEqual([
      { ref: '#/locations/0' },
      { ref: '#/locations/0' },
    ]);
    const second = registrationBody(units.slice(2), 1000001);
    expect(second.locations).toEqual([hq]);
    expect(second.registrationUnits[0]?.location).toEqual({ ref: '#/locations/0' });
    expect(second.registrationUnits[1]).toEqual({ serialNumber: 'FGT60FTK00000004' });
    expect(second.accountId).toBe(1000001);
  });

  it('rejects dangling references, duplicates and bad fields before sending', () => {
    expect(() =>
      resolveRegistration({
        registrationUnits: [
          { serialNumber: 'FGT60FTK00000001', location: { ref: '#/locations/3' } },
          { serialNumber: 'FGT60FTK00000001', contractNumber: 'x' },
          { serialNumber: 'FGT60FTK00000002', location: { countryCode: 'Germany' } },
        ],
      }),
    ).toThrowError(ValidationError);
    const error = thrown(() =>
      resolveRegistration({ registrationUnits: [{ serialNumber: 'FGT60FTK00000001', folderId: -1 }] }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('registrationUnits[0].folderId');
    expect(() => resolveRegistration({ registrationUnits: [] })).toThrowError(/at least one unit/);
  });
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
