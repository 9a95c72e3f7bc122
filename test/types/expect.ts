/**
 * Compile-time assertions for the type tests (checked by `npm run typecheck`, never run).
 * `expectType<Equal<A, B>>()` fails to compile unless A and B are the same type.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function expectType<T extends true>(): T | undefined {
  return undefined;
}

/** Fails to compile unless `value` is assignable to `T`. */
export function accepts<T>(value: T): T {
  return value;
}
