/** The parts of `specs/fortiauthenticator/resources.json` the generator reads (see the README there). */
import { readFile } from 'node:fs/promises';

export const PROJECT_ROOT = new URL('../../', import.meta.url);
export const SPEC_FILE = new URL('specs/fortiauthenticator/resources.json', PROJECT_ROOT);
export const GENERATED_DIR = new URL('src/fortiauthenticator/generated/', PROJECT_ROOT);

export type SpecOp = 'list' | 'get' | 'create' | 'update_put' | 'update_patch' | 'delete';

export interface SpecField {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'list' | 'object' | 'file' | 'unknown';
  required: boolean;
  required_when?: string;
  max_length: number | null;
  unique: boolean;
  read_only: boolean;
  write_only: boolean;
  choices: string[] | number[] | Record<string, string> | null;
  relation: { resource: string; kind: 'uri' | 'id'; many: boolean } | null;
  notes_short: string;
  default?: string | number | boolean;
  since_version?: string;
  query_param?: boolean;
  inferred?: boolean;
}

export interface SpecResource {
  name: string;
  path: string;
  item_path: string | null;
  kind: 'collection' | 'singleton' | 'action' | 'unknown' | 'namespace' | 'directory';
  methods: Record<SpecOp, boolean>;
  methods_detail?: Partial<Record<SpecOp, { note?: string }>>;
  methods_extra?: Record<string, { allowed: boolean; inferred?: boolean; http: string }>;
  actions?: { name: string; http: string; purpose: string }[];
  fields: SpecField[];
  filters: Record<string, string[]>;
  query_params?: { name: string }[];
  sub_resources: SpecResource[];
  since_version: string | null;
  quirks?: string[];
  completeness: 'complete' | 'partial' | 'stub';
}

export interface SpecFile {
  resources: SpecResource[];
}

export async function readSpec(): Promise<SpecFile> {
  return JSON.parse(await readFile(SPEC_FILE, 'utf8')) as SpecFile;
}
