/** Project root, resolved from this file (`scripts/catalog/`), so the generator runs from any cwd. */
export const PROJECT_ROOT = new URL('../../', import.meta.url);

export const FACTS_FILE = new URL('specs/fortimanager/objects.json', PROJECT_ROOT);

export const GENERATED_DIR = new URL('src/fortimanager/catalog/generated/', PROJECT_ROOT);
