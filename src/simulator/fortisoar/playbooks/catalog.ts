/**
 * The playbooks the simulated appliance ships with: `workflows` records (with their trigger step)
 * and how each run goes — its steps, and whether it finishes, fails, is skipped or terminated.
 */
import type { RecordService } from '../records/service.js';
import type { SoarRecord } from '../records/store.js';

export type RunOutcome = 'finished' | 'failed' | 'skipped' | 'terminated';
export type TriggerKind = 'action' | 'manual' | 'api';

export interface PlaybookScript {
  readonly workflow: SoarRecord;
  readonly trigger: TriggerKind;
  /** Route of the trigger step: a UUID for action triggers, the endpoint name for API triggers. */
  readonly route: string;
  /** Modules an action trigger runs on. */
  readonly modules: readonly string[];
  readonly steps: readonly string[];
  readonly outcome: RunOutcome;
  /** The step (index) at which the run fails, is skipped or terminated. */
  readonly stopAt: number;
  readonly stopMessage: string;
  /** Applied to the records of a run once it has finished. */
  readonly effect?: (records: readonly SoarRecord[]) => void;
}

interface PlaybookSpec {
  name: string;
  description: string;
  trigger: TriggerKind;
  route?: string;
  modules?: string[];
  steps: string[];
  outcome: RunOutcome;
  stopAt?: number;
  stopMessage?: string;
  effect?: (records: readonly SoarRecord[], service: RecordService, systemUser: string) => void;
}

const TRIGGER_TYPES: Record<TriggerKind, string> = {
  action: 'cybersponse.action',
  manual: 'cybersponse.abstract_trigger',
  api: 'cybersponse.api_call',
};

const SPECS: readonly PlaybookSpec[] = [
  {
    name: 'Enrich Alert Indicators',
    description: 'Looks up the reputation of every indicator of the selected alerts and comments on them.',
    trigger: 'action',
    modules: ['alerts', 'incidents'],
    steps: ['Start', 'Get Indicators', 'Get Reputation', 'Update Records', 'Add Comment'],
    outcome: 'finished',
    effect(records, service, systemUser) {
      for (const record of records) {
        service.create(
          'comments',
          {
            content: 'Indicators enriched by playbook "Enrich Alert Indicators".',
            [record.schema.name]: [record.iri],
          },
          systemUser,
        );
      }
    },
  },
  {
    name: 'Daily SOC Cleanup',
    description: 'Closes stale alerts and archives finished tasks.',
    trigger: 'manual',
    steps: ['Start', 'Find Stale Alerts', 'Close Alerts', 'Archive Tasks'],
    outcome: 'finished',
  },
  {
    name: 'Block Malicious IP',
    description: 'Blocks the source IP of an alert on the perimeter FortiGate.',
    trigger: 'action',
    modules: ['alerts', 'indicators'],
    steps: ['Start', 'Validate IP', 'Block IP on FortiGate', 'Update Alert'],
    outcome: 'failed',
    stopAt: 2,
    stopMessage:
      'CS-INTEGRATION-5: Error occurred while executing the connector action: FortiGate refused the request (HTTP 403).',
  },
  {
    name: 'Deduplicate Alert',
    description: 'Merges an alert into an open duplicate, when there is one.',
    trigger: 'action',
    modules: ['alerts'],
    steps: ['Start', 'Find Duplicates', 'Merge'],
    outcome: 'skipped',
    stopAt: 1,
    stopMessage: 'Condition not met: no open duplicate found; the remaining steps were skipped.',
  },
  {
    name: 'Wait For Analyst Approval',
    description: 'Asks an analyst to approve containment and gives up after the approval times out.',
    trigger: 'manual',
    steps: ['Start', 'Request Approval', 'Wait For Decision', 'Contain Host'],
    outcome: 'terminated',
    stopAt: 2,
    stopMessage: 'The playbook was terminated: the approval request timed out.',
  },
  {
    name: 'Notify SOC Channel',
    description: 'Posts a message to the SOC channel; called by external systems.',
    trigger: 'api',
    route: 'notify-soc',
    steps: ['Start', 'Format Message', 'Send Message'],
    outcome: 'finished',
  },
];

/** Creates the shipped playbooks as `workflows` records; returns how their runs go. */
export function seedPlaybooks(
  service: RecordService,
  systemUser: string,
  newUuid: () => string,
): PlaybookScript[] {
  return SPECS.map((spec) => {
    const route = spec.route ?? newUuid();
    const stepIri = `/api/3/workflow_steps/${newUuid()}`;
    const workflow = service.create(
      'workflows',
      {
        name: spec.name,
        description: spec.description,
        isActive: true,
        tag: spec.trigger,
        triggerStep: {
          '@id': stepIri,
          '@type': 'WorkflowStep',
          name: spec.steps[0],
          stepType: { name: TRIGGER_TYPES[spec.trigger] },
          arguments: { route, resources: spec.modules ?? [], title: spec.name, singleRecordExecution: false },
        },
        steps: spec.steps.map((name, i) => ({
          '@id': i === 0 ? stepIri : `/api/3/workflow_steps/${newUuid()}`,
          '@type': 'WorkflowStep',
          name,
        })),
      },
      systemUser,
    );
    const effect = spec.effect;
    return {
      workflow,
      trigger: spec.trigger,
      route,
      modules: spec.modules ?? [],
      steps: spec.steps,
      outcome: spec.outcome,
      stopAt: spec.stopAt ?? spec.steps.length,
      stopMessage: spec.stopMessage ?? '',
      ...(effect ? { effect: (records: readonly SoarRecord[]) => effect(records, service, systemUser) } : {}),
    };
  });
}
