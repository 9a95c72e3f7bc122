/**
 * Remembers a pure function of a string. A multiplexed request repeats one URL thousands of times,
 * so URL parsing and schema lookups are done once per distinct URL. Bounded: the memory is dropped
 * whole when it holds `limit` entries (callers vary URLs by object name, so there is no hot set to keep).
 */
export function memoize<T>(compute: (key: string) => T, limit = 10_000): (key: string) => T {
  const memory = new Map<string, T>();
  return (key) => {
    const known = memory.get(key);
    if (known !== undefined || memory.has(key)) return known as T;
    const value = compute(key);
    if (memory.size >= limit) memory.clear();
    memory.set(key, value);
    return value;
  };
}
