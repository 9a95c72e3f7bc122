import { FortiAnalyzer, q } from '../../fortianalyzer/index.js';
import type { Simulator } from '../../simulator/index.js';
import { debugOptions } from '../debug.js';
import { progressBar } from '../progress.js';
import { fact, step } from './say.js';
import type { DemoStep } from './step.js';

/** The FortiAnalyzer main jobs, end to end against the simulator. */
export const fortiAnalyzerDemo: DemoStep = async (sim: Simulator) => {
  step(`FortiAnalyzer at ${sim.fortianalyzer.url}: log search, FortiView, reports, alerts`);
  await using faz = new FortiAnalyzer({
    ...debugOptions(),
    url: sim.fortianalyzer.url,
    apiKey: sim.fortianalyzer.credentials.apiKey,
    tls: sim.fingerprint256 ? { fingerprint: sim.fingerprint256 } : undefined,
  });
  const status = await faz.status();
  fact(
    `${String(status.Hostname)} runs ${String(status.Version)}; its own zone is ${String(status.TZ ?? status['Time Zone'])}, the client sends UTC explicitly`,
  );

  const end = Math.floor(Date.now() / 1000) - 3600;
  const timeRange = { start: new Date((end - 3600) * 1000), end: new Date(end * 1000) };
  const filter = q.and(q.eq('action', 'deny'), q.in('dstport', [22, 3389, 445]));
  fact(`filter: ${filter.text}`);
  const bar = progressBar('search', 100, 'percent');
  const search = faz.logs.search({
    logtype: 'traffic',
    timeRange,
    filter,
    onProgress: (p) => bar.update(p.scanPercent),
  });
  const sources = new Map<string, number>();
  for await (const row of search) sources.set(String(row.srcip), (sources.get(String(row.srcip)) ?? 0) + 1);
  bar.stop();
  const summary = search.summary!;
  fact(
    `${summary.rows} denied remote-access sessions in an hour from ${sources.size} sources; ` +
      `result ${summary.exact ? 'exact' : 'NOT exact'} (${summary.searches} searches: search ids are single-use)`,
  );

  const all = faz.logs.search({ logtype: 'traffic', timeRange });
  let seen = 0;
  for await (const _row of all) if (++seen === 2500) break;
  fact(
    `stopped a ${all.summary?.rows}-row read after ${seen} rows: ${sim.fortianalyzer.stats().searches} searches left running`,
  );

  const top = await faz.fortiview.run('top-sources', { timeRange, limit: 3 }).all();
  fact(
    `FortiView top sources: ${top.map((r) => `${String(r.srcip)} (${Number(r.bandwidth).toLocaleString('en')} bytes)`).join(', ')}`,
  );

  const report = await faz.reports.generate({
    layout: 3,
    period: 'last-1-hours',
    format: 'PDF',
    pollMs: 250,
  });
  const pdf = report.files[0]!;
  fact(`report "${pdf.name}": ${pdf.data.length} bytes of PDF, ready to write to a file`);

  let critical = 0;
  let first: string | undefined;
  for await (const alert of faz.alerts.list({ filter: q.and(q.ge('severity', 4), q.eq('ackflag', 'no')) })) {
    critical++;
    first ??= alert.alertid;
  }
  if (first) await faz.alerts.ack([first], { by: 'fortix-demo' });
  const incid = await faz.incidents.create({
    reporter: 'fortix-demo',
    endpoint: [...sources.keys()][0] ?? '10.0.0.1',
    category: 'Scans/probes/attempted access',
    severity: 'high',
  });
  fact(
    `${critical} unacknowledged critical alerts (acknowledged ${first ?? 'none'}); incident ${incid} opened`,
  );
  const left = sim.fortianalyzer.stats();
  if (left.searches !== 0 || left.views !== 0)
    throw new Error('the FortiAnalyzer demo leaked a search or a view');
  return `${summary.rows} logs searched (${summary.exact ? 'exact' : 'not exact'}), top sources, a PDF report, ${critical} critical alerts, incident ${incid}`;
};
