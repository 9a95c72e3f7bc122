/**
 * One ADOM's logs of one log type, generated on demand: log `i` is a pure function of the seed and
 * `i`. Logs are evenly spread in time (`rate` per second), so a time window maps to an index range
 * by arithmetic and nothing needs to be stored, however many logs there are.
 *
 * FortiAnalyzer indexes a log when it receives it (`itime`), a little after it happened (`time`):
 * most logs arrive within seconds, a few (`lateShare`) up to 30 minutes late. A search sees only the
 * logs received before it started, so counts over a recent window grow between two searches: the
 * drifting totals real appliances show.
 */
import type { SimAdom } from '../inventory.js';
import { hash } from './hash.js';
import { type GeneratedRow, type LogSource, ROW_GENERATORS } from './rows.js';

export type { LogSource } from './rows.js';

/** Log types the simulator generates logs for (any other valid log type has none). */
export type GeneratedLogType = keyof typeof ROW_GENERATORS;

/** Most logs are indexed within this many seconds of their time. */
const PROMPT_DELAY_S = 3;
/** Late logs are indexed up to this many seconds after their time. */
export const MAX_DELAY_S = 1800;

export interface StreamSpec {
  readonly adom: SimAdom;
  readonly logtype: GeneratedLogType;
  readonly seed: number;
  /** Time of log 0, in seconds since the epoch. */
  readonly originSec: number;
  /** Logs per second, as the fraction `num / den`. */
  readonly num: number;
  readonly den: number;
  /** Logs in 1,000 that arrive late. */
  readonly latePerMille: number;
}

export class LogStream {
  readonly spec: StreamSpec;
  readonly #salt: number;
  /** Cumulative device weights, for picking the device of a log. */
  readonly #weights: readonly number[];
  readonly #totalWeight: number;

  constructor(spec: StreamSpec) {
    this.spec = spec;
    this.#salt = hash(spec.seed, spec.adom.oid, typeSalt(spec.logtype));
    let sum = 0;
    this.#weights = spec.adom.devices.map((d) => (sum += d.weight));
    this.#totalWeight = sum;
  }

  /** Time of log `i`, in seconds since the epoch. */
  time(i: number): number {
    return this.spec.originSec + Math.floor((i * this.spec.den) / this.spec.num);
  }

  /** Index of the first log whose time is after `sec` (logs before it have time <= sec). */
  firstAfter(sec: number): number {
    const { originSec, num, den } = this.spec;
    if (sec < originSec) return 0;
    return Math.ceil(((sec - originSec + 1) * num) / den);
  }

  /** Index of the first log whose time is at or after `sec`. */
  firstAtOrAfter(sec: number): number {
    return this.firstAfter(sec - 1);
  }

  /** When FortiAnalyzer indexed log `i` (seconds since the epoch). */
  itime(i: number): number {
    const h = hash(this.#salt, i, 0x17);
    const late = h % 1000 < this.spec.latePerMille;
    return this.time(i) + (late ? 60 + ((h >>> 10) % (MAX_DELAY_S - 60)) : 1 + ((h >>> 10) % PROMPT_DELAY_S));
  }

  /** The device and VDOM that sent log `i`. */
  source(i: number): LogSource {
    const h = hash(this.#salt, i, 0x5c);
    const point = h % this.#totalWeight;
    let deviceIndex = 0;
    while (this.#weights[deviceIndex]! <= point) deviceIndex++;
    const device = this.spec.adom.devices[deviceIndex]!;
    const vdom =
      device.vdoms.length === 1 ? device.vdoms[0]! : device.vdoms[(h >>> 16) % device.vdoms.length]!;
    return { device, vdom, deviceIndex };
  }

  /** Log `i` as FortiAnalyzer answers it. */
  row(i: number, zone: string): GeneratedRow {
    const time = this.time(i);
    return ROW_GENERATORS[this.spec.logtype]({
      index: i,
      key: hash(this.#salt, i, 0x2a),
      time,
      itime: this.itime(i),
      zone,
      source: this.source(i),
      typeIndex: typeSalt(this.spec.logtype),
    });
  }
}

function typeSalt(logtype: GeneratedLogType): number {
  return Object.keys(ROW_GENERATORS).indexOf(logtype) + 1;
}
