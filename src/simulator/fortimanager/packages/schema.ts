/**
 * The package table's schema (`/pm/pkg/adom/{adom}`, `/pm/pkg/global`): what a write may name, and
 * what filters compare. Answers are rendered by render.ts, which knows packages from folders.
 */
import type { ObjectSchema } from '../schema.js';
import { dict, int, raw, str, symbolicEnum } from '../schemas/attrs.js';
import { DEFAULT_SETTINGS } from './render.js';

export const packageSchema: ObjectSchema = {
  kind: 'table',
  mkey: 'name',
  attributes: {
    name: str(),
    type: symbolicEnum(['pkg', 'folder'], 'pkg'),
    'scope member': raw(),
    'package settings': dict({ default: DEFAULT_SETTINGS }),
    'obj ver': int({ default: 1 }),
    /** What a folder holds: packages and folders. */
    subobj: raw(),
  },
};
