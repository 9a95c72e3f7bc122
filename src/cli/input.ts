import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from './usage.js';

let stdinTakenBy: string | undefined;

/** Reads all of stdin, once: a second reader (say `--data -` and `--password-stdin`) is a usage error. */
export function readStdinOnce(reader: string): string {
  if (stdinTakenBy !== undefined) {
    throw new UsageError(`${reader} and ${stdinTakenBy} both want stdin; give one of them another way`);
  }
  stdinTakenBy = reader;
  if (process.stdin.isTTY) throw new UsageError(`${reader} reads stdin, but stdin is a terminal; pipe it in`);
  return readFileSync(0, 'utf8');
}

/**
 * Reads structured input: inline JSON, `@file.json` / `@file.yaml`, or `-` for stdin (JSON or YAML).
 *
 * @example
 * await readData('{"name":"h1"}', '--data'); // { name: 'h1' }
 * await readData('@hosts.yaml', '--data');   // the file's list of objects
 */
export async function readData(text: string, what: string): Promise<unknown> {
  if (text === '-') return parseStructured(readStdinOnce(`${what} -`), `${what} from stdin`, 'auto');
  if (text.startsWith('@')) {
    const path = text.slice(1);
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    const kind = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? 'yaml' : 'auto';
    return parseStructured(content, `${what} file ${path}`, kind);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${what} is not valid JSON (${(error as Error).message}); give JSON, @file.json, @file.yaml or - for stdin`,
    );
  }
}

/** Reads a file argument (`-` is stdin) as JSON or YAML. */
export function readDataFile(path: string, what: string): Promise<unknown> {
  return readData(path === '-' ? '-' : `@${path}`, what);
}

async function parseStructured(content: string, where: string, kind: 'yaml' | 'auto'): Promise<unknown> {
  if (kind === 'auto') {
    try {
      return JSON.parse(content);
    } catch {
      // not JSON: YAML is a superset of JSON's syntax, so try it for the better message too
    }
  }
  const { parse } = await import('yaml');
  try {
    return parse(content);
  } catch (error) {
    throw new UsageError(`${where} is neither valid JSON nor YAML: ${(error as Error).message}`);
  }
}
