/** The recorded exchanges of the public FortiManager how-to book (`test/fixtures/fmg-book/`). */
import { readFileSync } from 'node:fs';
import type { Json } from '../helpers.js';
import type { SetupCall } from './world.js';

export type Area =
  | 'auth'
  | 'status'
  | 'task'
  | 'proxy'
  | 'workspace'
  | 'install'
  | 'exec'
  | 'pm'
  | 'dvmdb'
  | 'cli';

export const AREAS: readonly Area[] = [
  'auth',
  'status',
  'task',
  'proxy',
  'workspace',
  'install',
  'exec',
  'pm',
  'dvmdb',
  'cli',
];

export interface Exchange {
  readonly source: string;
  readonly section: string;
  readonly area: Area;
  readonly request: Json;
  readonly response: Json;
}

/** How one exchange is replayed, beyond what is inferred (see the fixture README). */
export interface Replay {
  /** The default admin whose session sends the request (default `admin`). */
  readonly as?: string;
  /** Top-level keys replacing the recorded request's (the book's transcription slips). */
  readonly request?: Json;
  /** Devices added (control API) before anything else: what the recorded FortiManager managed. */
  readonly devices?: readonly {
    readonly name: string;
    readonly adom: string;
    readonly vdoms?: readonly string[];
    /** Device record attributes (`os_ver`, `mr`, ...). */
    readonly attributes?: Json;
  }[];
  /**
   * Calls made as `admin` after the inferred state, before the request; `capture: "<key>"` keeps
   * `data.<key>` of the answer for `{{<key>}}` and `substitute`.
   */
  readonly setup?: readonly (SetupCall & { readonly capture?: string })[];
  /** Recorded literals in the request's urls replaced by captured values (`{"2066": "task"}`). */
  readonly substitute?: Readonly<Record<string, string>>;
  /** Simulated milliseconds to let pass before the request (tasks progress meanwhile). */
  readonly advanceMs?: number;
  /** `false`: infer no state from the request. */
  readonly infer?: boolean;
  /** Why the recorded reply cannot be compared (not a complete JSON-RPC reply). */
  readonly incomplete?: string;
  /** Why the simulator answers differently, on purpose. */
  readonly differs?: string;
  readonly note?: string;
}

const dir = new URL('../../../../fixtures/fmg-book/', import.meta.url);

export const EXCHANGES: readonly Exchange[] = JSON.parse(
  readFileSync(new URL('exchanges.json', dir), 'utf8'),
);

export const REPLAYS: Readonly<Record<string, Replay>> = JSON.parse(
  readFileSync(new URL('replay.json', dir), 'utf8'),
);
