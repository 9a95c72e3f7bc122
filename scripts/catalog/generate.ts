/** The whole pipeline as a pure function: facts in, generated files (name -> text) out. */
import { catalogTemplates, compareText } from '../../src/fortimanager/catalog/rules.js';
import type {
  FmgAttributeFacts,
  FmgFactsFile,
  FmgObjectFacts,
} from '../../src/fortimanager/catalog/schema.js';
import { assignNames } from './assign-names.js';
import { renderGroup, renderIndex } from './emit.js';
import { rawHints } from './field-types.js';
import { type ObjectModel, ShapeBuilder, type ShapeModel } from './shapes.js';

/**
 * Prefixes with less weight than this (attributes, nested ones included, plus URL templates) share
 * the `misc` file; the others get a file each, which keeps every file a reasonable size.
 */
const MIN_GROUP_WEIGHT = 200;

/** File group of each object: the first word of its name (`firewall_address` -> `firewall`) or `misc`. */
export function groupsOf(objects: readonly FmgObjectFacts[]): Map<string, string> {
  const prefix = (name: string): string => name.split('_')[0] ?? name;
  const weights = new Map<string, number>();
  for (const o of objects) {
    const weight = attributeCount(o.attributes) + o.urls.length + (o.itemUrls?.length ?? 0);
    weights.set(prefix(o.name), (weights.get(prefix(o.name)) ?? 0) + weight);
  }
  return new Map(
    objects.map((o) => [
      o.name,
      (weights.get(prefix(o.name)) ?? 0) >= MIN_GROUP_WEIGHT ? prefix(o.name) : 'misc',
    ]),
  );
}

function attributeCount(attrs: Readonly<Record<string, FmgAttributeFacts>>): number {
  let count = 0;
  for (const attr of Object.values(attrs))
    count += 1 + (attr.sub === undefined ? 0 : attributeCount(attr.sub));
  return count;
}

export function generateCatalog(facts: FmgFactsFile): Map<string, string> {
  const byName = new Map(facts.objects.map((o) => [o.name, o]));
  const groupOf = groupsOf(facts.objects);
  const builder = new ShapeBuilder(rawHints(facts.objects));
  const models = facts.objects.map((o) => builder.objectModel(o, groupOf.get(o.name) ?? 'misc'));
  const naming = assignNames(models);
  const templates = catalogTemplates(facts.objects);

  const groups = [...new Set(groupOf.values())].sort(compareText);
  const files = new Map<string, string>();
  for (const group of groups) {
    const groupModels = models.filter((m) => m.group === group);
    const shapes = collectShapes(groupModels);
    const groupTemplates = templates.filter((t) => groupOf.get(t.object.name) === group);
    files.set(
      `${group}.ts`,
      renderGroup({ group, models: groupModels, shapes, templates: groupTemplates }, naming, (n) =>
        byName.get(n),
      ),
    );
  }
  files.set('index.ts', renderIndex(groups));
  return files;
}

/** Every distinct shape reachable from the models (each once). */
function collectShapes(models: readonly ObjectModel[]): ShapeModel[] {
  const seen = new Map<string, ShapeModel>();
  const visit = (shape: ShapeModel | undefined): void => {
    if (shape === undefined || seen.has(shape.id)) return;
    seen.set(shape.id, shape);
    for (const child of shape.children) visit(child.shape);
  };
  for (const model of models) {
    visit(model.read);
    visit(model.write);
  }
  return [...seen.values()];
}
