/**
 * What a report says: its charts (tables) computed from the generated logs of the report period.
 * Periods with more than {@link MAX_SAMPLED} logs of a type are estimated from an even sample (the
 * report says so), so that generating a report stays fast at any volume.
 */
import type { SimAdom } from '../inventory.js';
import type { GeneratedRow } from '../logs/rows.js';
import type { LogStore } from '../logs/store.js';
import type { GeneratedLogType } from '../logs/stream.js';
import type { ReportSection } from './render.js';

/** The kinds of layouts the simulator knows how to fill. */
export type LayoutKind = 'bandwidth' | 'threat' | 'events' | 'sdwan' | 'sources';

export const MAX_SAMPLED = 200_000;

interface Chart {
  readonly title: string;
  readonly logtype: GeneratedLogType;
  readonly keys: readonly string[];
  /** Rows counted at all. */
  readonly where?: (row: GeneratedRow) => boolean;
  /** Add a bandwidth column (sent + received bytes). */
  readonly bandwidth?: boolean;
  readonly top: number;
}

const CHARTS: Readonly<Record<LayoutKind, readonly Chart[]>> = {
  bandwidth: [
    {
      title: 'Top Applications by Bandwidth',
      logtype: 'traffic',
      keys: ['app', 'appcat'],
      bandwidth: true,
      top: 10,
    },
    { title: 'Top Sources by Bandwidth', logtype: 'traffic', keys: ['srcip'], bandwidth: true, top: 10 },
    {
      title: 'Top Destination Countries',
      logtype: 'traffic',
      keys: ['dstcountry'],
      bandwidth: true,
      top: 10,
    },
  ],
  threat: [
    { title: 'Top Threats', logtype: 'attack', keys: ['attack', 'severity'], top: 10 },
    { title: 'Top Attack Sources', logtype: 'attack', keys: ['srcip', 'srccountry'], top: 10 },
    {
      title: 'Blocked Web Categories',
      logtype: 'webfilter',
      keys: ['catdesc'],
      where: (r) => r.action === 'blocked',
      top: 10,
    },
  ],
  events: [
    { title: 'Events by Level', logtype: 'event', keys: ['level'], top: 10 },
    { title: 'Top Events', logtype: 'event', keys: ['logdesc', 'subtype'], top: 10 },
    {
      title: 'Administrator Logins',
      logtype: 'event',
      keys: ['user', 'status'],
      where: (r) => r.action === 'login',
      top: 10,
    },
  ],
  sdwan: [
    {
      title: 'SD-WAN SLA Notifications',
      logtype: 'event',
      keys: ['devname'],
      where: (r) => r.subtype === 'sdwan',
      top: 10,
    },
    {
      title: 'IPsec Tunnel Events',
      logtype: 'event',
      keys: ['vpntunnel', 'action'],
      where: (r) => r.subtype === 'vpn',
      top: 20,
    },
  ],
  sources: [{ title: 'Top 20 Sources', logtype: 'traffic', keys: ['srcip'], bandwidth: true, top: 20 }],
};

export interface ChartsResult {
  readonly sections: ReportSection[];
  /** Set when at least one chart was estimated from a sample. */
  readonly sampled: boolean;
}

/** The charts of a layout kind over `[startSec, endSec]`, for the devices `devices` (undefined: all). */
export function reportCharts(
  store: LogStore,
  adom: SimAdom,
  kind: LayoutKind,
  startSec: number,
  endSec: number,
  zone: string,
  devices: ReadonlySet<string> | undefined,
): ChartsResult {
  let sampled = false;
  const sections = CHARTS[kind].map((chart) => {
    const stream = store.stream(adom, chart.logtype);
    const lo = stream.firstAtOrAfter(startSec);
    const hi = Math.max(lo, stream.firstAfter(endSec));
    const stride = Math.max(1, Math.ceil((hi - lo) / MAX_SAMPLED));
    if (stride > 1) sampled = true;
    const groups = new Map<string, { values: Array<string | number>; count: number; bytes: number }>();
    for (let i = lo; i < hi; i += stride) {
      if (devices && !devices.has(stream.source(i).device.name)) continue;
      const row = stream.row(i, zone);
      if (chart.where && !chart.where(row)) continue;
      const values = chart.keys.map((key) => row[key] ?? '');
      const key = values.join('\u0000');
      let group = groups.get(key);
      if (!group) {
        group = { values, count: 0, bytes: 0 };
        groups.set(key, group);
      }
      group.count += stride;
      group.bytes += stride * (Number(row.sentbyte ?? 0) + Number(row.rcvdbyte ?? 0));
    }
    const ranked = [...groups.values()].sort((a, b) =>
      chart.bandwidth ? b.bytes - a.bytes || b.count - a.count : b.count - a.count,
    );
    const columns = [...chart.keys, chart.logtype === 'traffic' ? 'Sessions' : 'Count'];
    if (chart.bandwidth) columns.push('Bandwidth (bytes)');
    return {
      title: chart.title,
      columns,
      rows: ranked
        .slice(0, chart.top)
        .map((g) => (chart.bandwidth ? [...g.values, g.count, g.bytes] : [...g.values, g.count])),
    };
  });
  return { sections, sampled };
}
