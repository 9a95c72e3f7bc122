import type { Simulator } from '../../simulator/index.js';

/** One product's part of `fortix demo`: runs its main jobs and returns a one-line summary. */
export type DemoStep = (sim: Simulator) => Promise<string>;
