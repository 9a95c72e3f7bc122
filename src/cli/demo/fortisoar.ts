import { FortiSoar } from '../../fortisoar/index.js';
import type { Simulator } from '../../simulator/index.js';
import { debugOptions } from '../debug.js';
import { progressBar } from '../progress.js';
import { fact, step } from './say.js';
import type { DemoStep } from './step.js';

/** The FortiSOAR main jobs: an alert, a connector operation, a playbook run on it. */
export const fortiSoarDemo: DemoStep = async (sim: Simulator) => {
  step(`FortiSOAR at ${sim.fortisoar.url} (JWT login, renewed on a 401, logged out on close)`);
  const { username, password } = sim.fortisoar.credentials;
  await using soar = new FortiSoar({
    ...debugOptions(),
    url: sim.fortisoar.url,
    username,
    password,
    tls: sim.fingerprint256 ? { fingerprint: sim.fingerprint256 } : undefined,
  });
  const severity = await soar.picklists.iri('Severity', 'High');
  const alert = await soar.alerts.create({ name: 'Beacon to 203.0.113.4 from laptop-42', severity });
  fact(`alert created: ${alert['@id']}`);

  const reputation = await soar.connectors.execute('virustotal', 'get_reputation_ip', {
    params: { ip: '203.0.113.4' },
  });
  const stats = reputation.state === 'completed' ? JSON.stringify(reputation.data).length : 0;
  fact(`connector virustotal get_reputation_ip: ${reputation.state} (${stats} bytes of report)`);

  const playbook = sim.fortisoar.playbooks().find((p) => p.name === 'Enrich Alert Indicators')!;
  const { taskId } = await soar.playbooks.triggerOnRecords(playbook.uuid, [alert['@id']]);
  const bar = progressBar(playbook.name, 100, 'percent');
  const outcome = await soar.playbooks
    .wait(taskId, { pollInterval: 50, onProgress: (o) => bar.update(o.progress.percent) })
    .finally(() => bar.stop());
  fact(
    `playbook '${playbook.name}': ${outcome.status}, ${outcome.progress.doneSteps} of ${outcome.progress.totalSteps} steps`,
  );

  let open = 0;
  for await (const _ of soar.alerts.iterate({ filter: { 'severity.itemValue': 'High' } })) open++;
  fact(`${open} High alerts, read page by page`);
  return `an alert, a VirusTotal lookup, playbook '${playbook.name}' ${outcome.status} (${outcome.progress.totalSteps} steps)`;
};
