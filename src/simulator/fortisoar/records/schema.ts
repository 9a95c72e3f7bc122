/**
 * The modules the simulated FortiSOAR serves at `/api/3/<module>`: their fields, picklists,
 * relationships and unique constraints. A small, realistic subset of FortiSOAR's out-of-the-box
 * SOC modules (alerts, incidents, tasks, indicators, comments, attachments), plus the system
 * modules the connector and playbook surfaces keep their records in (agents, workflows, people).
 */

export type FieldKind =
  | { readonly type: 'text' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'json' }
  /** A picklist item IRI (`/api/3/picklists/<uuid>`) of the named picklist. */
  | { readonly type: 'picklist'; readonly list: string }
  /** A many-to-one reference: the IRI of one record of `module`. */
  | { readonly type: 'ref'; readonly module: string }
  /** A to-many relationship: IRIs of `module` records, mirrored by `inverse` on the other side. */
  | { readonly type: 'many'; readonly module: string; readonly inverse: string };

export interface ModuleSchema {
  /** The collection name, e.g. `alerts`. */
  readonly name: string;
  /** The `@type`, e.g. `Alert`. */
  readonly type: string;
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Fields that must be given on create. */
  readonly required: readonly string[];
  /** Fields whose values identify a record: creating a second one is a conflict; upsert updates it. */
  readonly unique: readonly string[];
  /** Deleting moves records to the recycle bin unless `$hardDelete=true`. */
  readonly softDelete: boolean;
}

const text = { type: 'text' } as const;
const integer = { type: 'integer' } as const;
const datetime = { type: 'datetime' } as const;
const bool = { type: 'boolean' } as const;
const jsonField = { type: 'json' } as const;
const picklist = (list: string) => ({ type: 'picklist', list }) as const;
const ref = (module: string) => ({ type: 'ref', module }) as const;
const many = (module: string, inverse: string) => ({ type: 'many', module, inverse }) as const;

const SOC_LINKS = {
  comments: many('comments', '{self}'),
  attachments: many('attachments', '{self}'),
} as const;

const MODULES: readonly ModuleSchema[] = [
  {
    name: 'alerts',
    type: 'Alert',
    fields: {
      name: text,
      description: text,
      severity: picklist('Severity'),
      status: picklist('AlertStatus'),
      type: picklist('AlertType'),
      source: text,
      sourceId: text,
      sourceIp: text,
      destinationIp: text,
      assignedTo: ref('people'),
      dueBy: datetime,
      incidents: many('incidents', 'alerts'),
      indicators: many('indicators', 'alerts'),
      tasks: many('tasks', 'alerts'),
      ...SOC_LINKS,
    },
    required: ['name'],
    unique: ['sourceId'],
    softDelete: true,
  },
  {
    name: 'incidents',
    type: 'Incident',
    fields: {
      name: text,
      description: text,
      severity: picklist('Severity'),
      status: picklist('IncidentStatus'),
      phase: picklist('IncidentPhase'),
      category: text,
      sourceId: text,
      incidentLead: ref('people'),
      alerts: many('alerts', 'incidents'),
      indicators: many('indicators', 'incidents'),
      tasks: many('tasks', 'incidents'),
      ...SOC_LINKS,
    },
    required: ['name'],
    unique: ['sourceId'],
    softDelete: true,
  },
  {
    name: 'tasks',
    type: 'Task',
    fields: {
      name: text,
      description: text,
      status: picklist('TaskStatus'),
      priority: picklist('Priority'),
      assignedToPerson: ref('people'),
      dueDate: datetime,
      alerts: many('alerts', 'tasks'),
      incidents: many('incidents', 'tasks'),
      comments: many('comments', 'tasks'),
    },
    required: ['name'],
    unique: [],
    softDelete: true,
  },
  {
    name: 'indicators',
    type: 'Indicator',
    fields: {
      value: text,
      typeofindicator: picklist('IndicatorType'),
      reputation: picklist('IndicatorReputation'),
      tLP: picklist('TrafficLightProtocol'),
      description: text,
      score: integer,
      alerts: many('alerts', 'indicators'),
      incidents: many('incidents', 'indicators'),
      comments: many('comments', 'indicators'),
    },
    required: ['value'],
    unique: ['value'],
    softDelete: true,
  },
  {
    name: 'comments',
    type: 'Comment',
    fields: {
      content: text,
      isImportant: bool,
      alerts: many('alerts', 'comments'),
      incidents: many('incidents', 'comments'),
      tasks: many('tasks', 'comments'),
      indicators: many('indicators', 'comments'),
    },
    required: ['content'],
    unique: [],
    softDelete: false,
  },
  {
    name: 'attachments',
    type: 'Attachment',
    fields: {
      name: text,
      description: text,
      file: ref('files'),
      alerts: many('alerts', 'attachments'),
      incidents: many('incidents', 'attachments'),
    },
    required: ['name', 'file'],
    unique: [],
    softDelete: false,
  },
  {
    name: 'agents',
    type: 'Agent',
    fields: {
      name: text,
      agentId: text,
      description: text,
      active: bool,
      version: text,
      configurationHealth: picklist('AgentStatus'),
      healthCheckLastSync: datetime,
    },
    required: ['name'],
    unique: ['agentId'],
    softDelete: false,
  },
  {
    name: 'workflows',
    type: 'Workflow',
    fields: {
      name: text,
      description: text,
      isActive: bool,
      triggerStep: jsonField,
      steps: jsonField,
      tag: text,
    },
    required: ['name'],
    unique: [],
    softDelete: true,
  },
  {
    name: 'files',
    type: 'File',
    fields: { filename: text, mimeType: text, size: integer },
    required: ['filename'],
    unique: [],
    softDelete: false,
  },
  {
    name: 'people',
    type: 'Person',
    fields: { firstname: text, lastname: text, email: text, userId: text, name: text },
    required: ['userId'],
    unique: ['userId'],
    softDelete: false,
  },
];

/** Module schemas by collection name, with `{self}` inverses resolved. */
export const MODULE_SCHEMAS: ReadonlyMap<string, ModuleSchema> = new Map(
  MODULES.map((module) => [
    module.name,
    {
      ...module,
      fields: Object.fromEntries(
        Object.entries(module.fields).map(([name, kind]) => [
          name,
          kind.type === 'many' && kind.inverse === '{self}' ? { ...kind, inverse: module.name } : kind,
        ]),
      ),
    },
  ]),
);

/** The system fields every record carries besides its module's fields. */
export const SYSTEM_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: integer,
  uuid: text,
  createDate: datetime,
  modifyDate: datetime,
  createUser: ref('people'),
  modifyUser: ref('people'),
};
