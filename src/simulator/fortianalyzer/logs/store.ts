/**
 * Every ADOM's generated logs: one {@link LogStream} per ADOM and log type, made on first use. The
 * history starts `historySec` before the simulator started and new logs keep arriving as simulated
 * time passes, at the configured rates.
 */
import type { SimAdom } from '../inventory.js';
import { ROW_GENERATORS } from './rows.js';
import { type GeneratedLogType, LogStream } from './stream.js';

/** Logs per second in an ADOM of log scale 1, per generated log type. */
export type LogRates = Readonly<Record<GeneratedLogType, number>>;

/** 518,400 traffic and 43,200 event logs a day in `root`, plus attack, web filter and application logs. */
export const DEFAULT_LOG_RATES: LogRates = {
  traffic: 6,
  event: 0.5,
  attack: 1 / 30,
  webfilter: 0.2,
  'app-ctrl': 1 / 3,
};

export interface LogStoreOptions {
  readonly seed: number;
  /** When the simulator started, in seconds since the epoch. */
  readonly startSec: number;
  readonly historySec: number;
  readonly rates: LogRates;
  /** Logs in 1,000 that arrive late (up to 30 minutes after their time). */
  readonly latePerMille: number;
}

export class LogStore {
  readonly #options: LogStoreOptions;
  readonly #streams = new Map<string, LogStream>();

  constructor(options: LogStoreOptions) {
    this.#options = options;
  }

  /** True when the simulator generates logs of this type (other valid types simply have none). */
  static generates(logtype: string): logtype is GeneratedLogType {
    return Object.hasOwn(ROW_GENERATORS, logtype);
  }

  /** The ADOM's logs of `logtype`. */
  stream(adom: SimAdom, logtype: GeneratedLogType): LogStream {
    const key = `${adom.name}|${logtype}`;
    let stream = this.#streams.get(key);
    if (!stream) {
      const { num, den } = fraction(this.#options.rates[logtype] * adom.logScale);
      stream = new LogStream({
        adom,
        logtype,
        seed: this.#options.seed,
        originSec: this.#options.startSec - this.#options.historySec,
        num,
        den,
        latePerMille: this.#options.latePerMille,
      });
      this.#streams.set(key, stream);
    }
    return stream;
  }
}

/** A rate as a fraction with a small denominator (exact for rates like 6, 0.5 or 1/30). */
function fraction(rate: number): { num: number; den: number } {
  if (!(rate > 0)) return { num: 1, den: 1e9 };
  for (let den = 1; den <= 3600; den++) {
    const num = rate * den;
    if (Math.abs(num - Math.round(num)) < 1e-9 && Math.round(num) > 0) return { num: Math.round(num), den };
  }
  return { num: Math.max(1, Math.round(rate * 3600)), den: 3600 };
}
