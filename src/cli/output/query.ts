import { UsageError } from '../usage.js';

/** A compiled `--query` (JMESPath). */
export interface Query {
  apply(value: unknown): unknown;
}

/**
 * Compiles a JMESPath expression (the library is loaded only when a query is given).
 *
 * @example
 * (await compileQuery('[?subnet].name')).apply(rows);
 */
export async function compileQuery(expression: string): Promise<Query> {
  const { compile, TreeInterpreter } = await import('@jmespath-community/jmespath');
  let node: ReturnType<typeof compile>;
  try {
    node = compile(expression);
  } catch (error) {
    throw new UsageError(`--query '${expression}' is not valid JMESPath: ${(error as Error).message}`);
  }
  return {
    apply(value) {
      try {
        return TreeInterpreter.search(node, (value ?? null) as Parameters<typeof TreeInterpreter.search>[1]);
      } catch (error) {
        throw new UsageError(`--query '${expression}' failed: ${(error as Error).message}`);
      }
    },
  };
}
