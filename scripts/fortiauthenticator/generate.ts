import { renderFieldTable, renderResourceTable } from './emit-tables.js';
import { renderTypes } from './emit-types.js';
import { buildModel } from './model.js';
import type { SpecFile } from './spec.js';

/** The generated files (name -> text) for a spec. */
export function generateFiles(spec: SpecFile): Map<string, string> {
  const models = buildModel(spec.resources);
  return new Map([
    ['table.ts', renderResourceTable(models)],
    ['fields.ts', renderFieldTable(models)],
    ['types.ts', renderTypes(models)],
  ]);
}
