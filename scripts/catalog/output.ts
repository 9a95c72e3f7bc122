import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { compareText } from '../../src/fortimanager/catalog/rules.js';

/** Writes `files` into `dir` and removes generated files that are no longer produced. */
export async function writeOutput(dir: URL, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await listTs(dir)) {
    if (!files.has(name)) await rm(new URL(name, dir));
  }
  for (const [name, text] of files) {
    const target = new URL(name, dir);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current !== text) await writeFile(target, text);
  }
}

/** Names of files that differ between `dir` and `files` (missing, stale or changed), sorted. */
export async function diffOutput(dir: URL, files: ReadonlyMap<string, string>): Promise<string[]> {
  const onDisk = await listTs(dir);
  const names = new Set([...onDisk, ...files.keys()]);
  const differ: string[] = [];
  for (const name of names) {
    const current = onDisk.includes(name) ? await readFile(new URL(name, dir), 'utf8') : undefined;
    if (current !== files.get(name)) differ.push(name);
  }
  return differ.sort(compareText);
}

async function listTs(dir: URL): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((name) => name.endsWith('.ts'));
}
