import { describe, expect, it } from 'vitest';
import { licenseText } from '../../../src/forticare/licenses.js';

const FILE = '-----BEGIN FGT VM LICENSE-----\nQUJDREVGRw==\n-----END FGT VM LICENSE-----\n';

describe('license file content', () => {
  it('returns the text as is', () => {
    expect(licenseText(FILE)).toBe(FILE);
  });

  it('unwraps a base64-encoded license file', () => {
    expect(licenseText(Buffer.from(FILE).toString('base64'))).toBe(FILE);
  });

  it('leaves base64-looking text that is no license alone', () => {
    expect(licenseText('QUJDREVGRw==')).toBe('QUJDREVGRw==');
  });
});
