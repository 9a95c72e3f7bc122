import type { SchemaProvider } from '../schema.js';
import { deviceEntries } from './device.js';
import { firewallEntries } from './firewall.js';
import { recordedEntries } from './recorded.js';
import { systemEntries } from './system.js';

/** The hand-written schemas the simulator always knows (registered before any other provider). */
export const builtinSchemas: SchemaProvider = {
  entries: () => [...systemEntries(), ...firewallEntries(), ...deviceEntries(), ...recordedEntries()],
};
