import { InvalidArgumentError } from 'commander';
import { FortixError } from '../core/errors.js';

/** The command line itself is wrong (a missing flag, a bad value, an unknown profile): exit code 2. */
export class UsageError extends FortixError {
  override readonly code: string = 'CLI_USAGE';
}

/** A commander argument parser for a positive integer (`--port abc` is a usage error, not a stack trace). */
export function integer(min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return n;
  };
}

/** A commander parser for seconds (decimals allowed), returned as milliseconds. */
export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0');
  return Math.round(n * 1000);
}

/** A commander parser that accepts one of `choices`. */
export function oneOf<const T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    }
    return value as T;
  };
}

/** A comma-separated list (`a,b , c` -> `['a', 'b', 'c']`); repeated flags add to it. */
export function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** Repeatable `key=value` flags, collected into an object. */
export function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
