import { UsageError } from '../usage.js';
import { envNames, type ProductSpec } from './spec.js';

/**
 * Asks for a missing secret without echo when stdin and stderr are terminals; otherwise fails with
 * `missing`, which says where the secret can come from.
 */
export async function promptSecret(prompt: string, missing: string): Promise<string> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) throw new UsageError(missing);
  const { password } = await import('@inquirer/prompts');
  return password({ message: prompt, mask: false }, { output: process.stderr });
}

/** A missing connection secret: its environment variable, file and stdin flags. */
export function missingSetting(product: ProductSpec, key: string): string {
  const setting = product.settings.find((s) => s.key === key);
  const env = setting ? envNames(product, setting)[0] : key;
  return `${product.title} needs a ${key}: set ${env}, or give --${key}-file or --${key}-stdin (or store it in the profile)`;
}
