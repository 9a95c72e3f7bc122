/** Records the simulator starts with, and fast bulk seeding for scale tests. */
import type { Picklists } from './picklists.js';
import type { RecordService } from './service.js';
import type { SoarRecord } from './store.js';

const ALERT_NAMES = [
  'Suspicious login from new country',
  'Malware detected on endpoint',
  'Phishing email reported by user',
  'Brute force attempt on VPN',
  'Outbound traffic to known C2 server',
];

/**
 * Appends `count` records to a module without per-record checks (100,000 alerts in well under a
 * second). `fill(n)` gives the fields of record `n`; alerts, incidents and indicators have defaults.
 */
export function seedRecords(
  service: RecordService,
  module: string,
  count: number,
  userIri: string,
  newUuid: () => string,
  fill?: (n: number) => Record<string, unknown>,
): SoarRecord[] {
  const table = service.table(module);
  const make = fill ?? defaultFill(module, service.picklists, table.live().length);
  const now = Date.now() / 1000;
  const created: SoarRecord[] = [];
  for (let n = 0; n < count; n++) {
    const uuid = newUuid();
    const record: SoarRecord = {
      schema: table.schema,
      id: service.store.nextId(),
      uuid,
      iri: `/api/3/${module}/${uuid}`,
      values: make(n),
      links: new Map(),
      createDate: now,
      modifyDate: now,
      createUser: userIri,
      modifyUser: userIri,
    };
    table.insert(record);
    created.push(record);
  }
  return created;
}

function defaultFill(
  module: string,
  picklists: Picklists,
  offset: number,
): (n: number) => Record<string, unknown> {
  const items = (list: string) => picklists.list(list)?.items.map((i) => i.iri) ?? [];
  const severities = items('Severity');
  switch (module) {
    case 'alerts': {
      const statuses = items('AlertStatus');
      const types = items('AlertType');
      return (n) => {
        const k = offset + n;
        return {
          name: `${ALERT_NAMES[k % ALERT_NAMES.length]} #${k + 1}`,
          severity: severities[k % severities.length],
          status: statuses[k % statuses.length],
          type: types[k % types.length],
          source: 'FortiSIEM',
          sourceId: `FSM-${100000 + k}`,
          sourceIp: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
        };
      };
    }
    case 'incidents': {
      const statuses = items('IncidentStatus');
      return (n) => ({
        name: `Incident ${offset + n + 1}`,
        severity: severities[(offset + n) % severities.length],
        status: statuses[(offset + n) % statuses.length],
        category: 'Malware',
      });
    }
    case 'indicators': {
      const types = items('IndicatorType');
      return (n) => ({
        value: `198.51.${((offset + n) >> 8) & 255}.${(offset + n) & 255}`,
        typeofindicator: types[0],
        score: (offset + n) % 100,
      });
    }
    default:
      return (n) => ({ name: `${module} ${offset + n + 1}` });
  }
}
