import type { Command } from 'commander';
import { INCIDENT_STATUSES } from '../../fortianalyzer/index.js';
import { outputOf, printStream, printValue } from '../output/print.js';
import { integer, oneOf } from '../usage.js';
import { withFaz } from './connect.js';
import {
  addFilterOptions,
  addWindowOptions,
  type FilterFlags,
  filterOf,
  timeRangeOf,
  type WindowFlags,
} from './flags.js';

interface ListFlags extends WindowFlags, FilterFlags {
  maxRows?: number;
}

const ALERT_COLUMNS = ['alertid', 'alerttime', 'severity', 'triggername', 'devname', 'ackflag', 'subject'];

/** `fortix faz events list|count|ack|unack|comment` and `fortix faz incidents list|get|update`. */
export function registerEvents(faz: Command): void {
  const events = faz.command('events').description('FortiAnalyzer event management: alerts');
  addFilterOptions(addWindowOptions(events.command('list').description('alerts, newest first'), '24h'))
    .option('--max-rows <n>', 'stop after this many alerts', integer(1))
    .action(async (flags: ListFlags, command: Command) => {
      const output = await outputOf(command, ALERT_COLUMNS);
      await withFaz(command, async (faz, signal) => {
        const alerts = faz.alerts.list({
          timeRange: timeRangeOf(flags, '24h'),
          filter: filterOf(flags),
          maxRows: flags.maxRows,
          signal,
        });
        await printStream(alerts, output);
      });
    });
  addFilterOptions(
    addWindowOptions(events.command('count').description('alert totals (or per --group-by)'), '24h'),
  )
    .option(
      '--group-by <field>',
      'severity, trigger, eventtype or mgmt_state',
      oneOf(['severity', 'trigger', 'eventtype', 'mgmt_state'] as const),
    )
    .action(async (flags: ListFlags & { groupBy?: 'severity' }, command: Command) => {
      const output = await outputOf(command);
      await withFaz(command, async (faz, signal) => {
        const counts = await faz.alerts.count({
          timeRange: timeRangeOf(flags, '24h'),
          filter: filterOf(flags),
          ...(flags.groupBy ? { groupBy: flags.groupBy } : {}),
          signal,
        });
        await printValue(counts, output);
      });
    });
  for (const [action, description] of [
    ['ack', 'acknowledge alerts'],
    ['unack', 'take back acknowledgements'],
  ] as const) {
    events
      .command(action)
      .description(description)
      .argument('<alertid...>', 'alert ids')
      .option('--by <user>', 'recorded as who did it (default fortix)')
      .action(async (ids: string[], flags: { by?: string }, command: Command) => {
        const output = await outputOf(command);
        await withFaz(command, async (faz, signal) => {
          await faz.alerts[action](ids, { by: flags.by, signal });
          await printValue({ [action === 'ack' ? 'acknowledged' : 'unacknowledged']: ids.length }, output);
        });
      });
  }
  events
    .command('comment')
    .description('comment on alerts')
    .argument('<text>', 'the comment')
    .argument('<alertid...>', 'alert ids')
    .option('--by <user>', 'recorded as who did it (default fortix)')
    .action(async (text: string, ids: string[], flags: { by?: string }, command: Command) => {
      const output = await outputOf(command);
      await withFaz(command, async (faz, signal) => {
        await faz.alerts.comment(ids, text, { by: flags.by, signal });
        await printValue({ commented: ids.length }, output);
      });
    });

  const incidents = faz.command('incidents').description('FortiAnalyzer incident management');
  addFilterOptions(incidents.command('list').description('incidents')).action(
    async (flags: FilterFlags, command: Command) => {
      const output = await outputOf(command, [
        'incid',
        'name',
        'severity',
        'status',
        'category',
        'createtime',
      ]);
      await withFaz(command, async (faz, signal) =>
        printStream(faz.incidents.list({ filter: filterOf(flags), signal }), output),
      );
    },
  );
  incidents
    .command('get')
    .description('one incident')
    .argument('<incid>', 'incident id, e.g. IN00000001')
    .action(async (incid: string, _flags: unknown, command: Command) => {
      const output = await outputOf(command);
      await withFaz(command, async (faz, signal) =>
        printValue(await faz.incidents.get(incid, { signal }), output),
      );
    });
  incidents
    .command('update')
    .description("change an incident's status")
    .argument('<incid>', 'incident id')
    .requiredOption('--status <status>', INCIDENT_STATUSES.join(', '), oneOf(INCIDENT_STATUSES))
    .action(
      async (incid: string, flags: { status: (typeof INCIDENT_STATUSES)[number] }, command: Command) => {
        const output = await outputOf(command);
        await withFaz(command, async (faz, signal) => {
          await faz.incidents.update(incid, { status: flags.status }, { signal });
          await printValue(await faz.incidents.get(incid, { signal }), output);
        });
      },
    );
}
