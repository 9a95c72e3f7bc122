import { readdirSync, readFileSync } from 'node:fs';

/** A wire example copied from the seeds (facts only) into `test/fixtures/seeds/`. */
export interface SeedFixture {
  readonly file: string;
  readonly seed: string;
  readonly method: string;
  readonly url: string;
  readonly data: unknown;
}

const DIR = new URL('../../fixtures/seeds/', import.meta.url);

export function loadSeedFixtures(): SeedFixture[] {
  return readdirSync(DIR)
    .filter((file) => file.startsWith('fmg-') && file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Omit<SeedFixture, 'file'>),
    }));
}

export function seedFixture(file: string): SeedFixture {
  const found = loadSeedFixtures().find((f) => f.file === file);
  if (found === undefined) throw new Error(`missing fixture ${file}`);
  return found;
}
