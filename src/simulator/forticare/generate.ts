/** Deterministic look-alike identifiers and documents for the simulated FortiCare. */

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = UPPER + DIGITS;
const BASE64 = `${UPPER}abcdefghijklmnopqrstuvwxyz${DIGITS}+/`;

/**
 * Hardware models: serial prefix (8 characters) and model name. `cloudKey`: FortiCare registers the
 * model only with the FortiCloud key printed on the unit (recorded for the FortiGate-40F).
 */
export const HARDWARE_MODELS = [
  { prefix: 'FGT60FTK', model: 'FortiGate-60F', cloudKey: false },
  { prefix: 'FGT40FTK', model: 'FortiGate-40F', cloudKey: true },
  { prefix: 'FG100FTK', model: 'FortiGate-100F', cloudKey: false },
  { prefix: 'FGT90GTK', model: 'FortiGate-90G', cloudKey: false },
  { prefix: 'S124FPTF', model: 'FortiSwitch-124F-POE', cloudKey: false },
  { prefix: 'FP231FTF', model: 'FortiAP-231F', cloudKey: false },
] as const;

export type HardwareModel = (typeof HARDWARE_MODELS)[number];

/** Whether registering a unit of this model needs its FortiCloud key. */
export function needsCloudKey(model: string): boolean {
  return HARDWARE_MODELS.some((m) => m.model === model && m.cloudKey);
}

export const VM_MODEL = { prefix: 'FGVM02TM', model: 'FortiGate-VM02', sku: 'FG-VM02' } as const;
export const SERVICE_MODEL = {
  prefix: 'FGVMSLTM',
  model: 'FortiGate-VM S-Series',
  sku: 'FC1-10-FGVVS-437-01-12',
} as const;

export class Generator {
  readonly #random: () => number;
  readonly #taken = new Set<string>();

  constructor(random: () => number) {
    this.#random = random;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }

  /** A 16-character serial number with this 8-character prefix, never issued before. */
  serial(prefix: string): string {
    return this.#unique(() => prefix + this.#chars(DIGITS, 4) + this.#chars(ALNUM, 4));
  }

  /** A contract number like `2121DJ8902`. */
  contractNumber(): string {
    return this.#unique(() => this.#chars(DIGITS, 4) + this.#chars(UPPER, 2) + this.#chars(DIGITS, 4));
  }

  /** A license registration code `XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX`. */
  licenseCode(): string {
    return this.#unique(() => [5, 5, 5, 5, 6].map((n) => this.#chars(ALNUM, n)).join('-'));
  }

  /** A license number like `FGVM02-1234567`. */
  licenseNumber(): string {
    return this.#unique(() => `LIC${this.#chars(DIGITS, 9)}`);
  }

  /** A VM license file in the text form devices accept on upload. */
  licenseFile(serialNumber: string): string {
    const payload = this.#chars(BASE64, 512);
    const lines = payload.match(/.{1,64}/g) ?? [];
    return [
      '-----BEGIN FGT VM LICENSE-----',
      `# ${serialNumber}`,
      ...lines,
      '-----END FGT VM LICENSE-----',
      '',
    ].join('\n');
  }

  #chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.#random() * alphabet.length)];
    return out;
  }

  #unique(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.#taken.has(value)) {
        this.#taken.add(value);
        return value;
      }
    }
  }
}

/** FortiCare's date-time form: ISO 8601 without zone (`2024-07-31T00:00:00`). */
export function fcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** Parses an ISO 8601 date as FortiCare accepts it (offsets like `-8:00` included); NaN when invalid. */
export function parseFcDate(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const normalized = value.replace(/([+-])(\d)(:?\d{2})$/, '$10$2$3');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(normalized) || !normalized.includes('T');
  return Date.parse(hasZone ? normalized : `${normalized}Z`);
}
