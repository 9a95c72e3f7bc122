/**
 * Picklists: since FortiSOAR 7.5 a picklist field holds the IRI of an item
 * (`/api/3/picklists/<uuid>`), never its name. Items belong to a named list
 * (`/api/3/picklist_names/<uuid>`).
 */

const LISTS: Readonly<Record<string, ReadonlyArray<readonly [value: string, color: string | null]>>> = {
  Severity: [
    ['Critical', '#e31b1d'],
    ['High', '#ff6a00'],
    ['Medium', '#ffd000'],
    ['Low', '#2fa84f'],
    ['Minimal', '#8ea5bd'],
  ],
  AlertStatus: [
    ['Open', '#d66a64'],
    ['In Progress', '#f9b234'],
    ['Closed', '#37af61'],
    ['Re-Opened', '#d66a64'],
  ],
  AlertType: [
    ['Malware', null],
    ['Phishing', null],
    ['Brute Force Attempt', null],
    ['Suspicious Login', null],
    ['Policy Violation', null],
  ],
  IncidentStatus: [
    ['Open', null],
    ['Investigating', null],
    ['Contained', null],
    ['Resolved', null],
    ['Closed', null],
  ],
  IncidentPhase: [
    ['Identification', null],
    ['Containment', null],
    ['Eradication', null],
    ['Recovery', null],
    ['Lessons Learned', null],
  ],
  TaskStatus: [
    ['Open', null],
    ['In Progress', null],
    ['Completed', null],
    ['Skipped', null],
  ],
  Priority: [
    ['High', null],
    ['Medium', null],
    ['Low', null],
  ],
  IndicatorType: [
    ['IP Address', null],
    ['Domain', null],
    ['URL', null],
    ['FileHash-SHA256', null],
    ['Email Address', null],
  ],
  IndicatorReputation: [
    ['Good', '#37af61'],
    ['Suspicious', '#f9b234'],
    ['Malicious', '#e31b1d'],
    ['No Reputation Available', '#8ea5bd'],
  ],
  TrafficLightProtocol: [
    ['Red', '#e31b1d'],
    ['Amber', '#f9b234'],
    ['Green', '#37af61'],
    ['White', '#ffffff'],
  ],
  AgentStatus: [
    ['Available', '#37af61'],
    ['Disconnected', '#e31b1d'],
  ],
};

export interface PicklistItem {
  readonly id: number;
  readonly uuid: string;
  readonly iri: string;
  readonly itemValue: string;
  readonly color: string | null;
  readonly orderIndex: number;
  readonly list: PicklistName;
}

export interface PicklistName {
  readonly id: number;
  readonly uuid: string;
  readonly iri: string;
  readonly name: string;
  readonly items: readonly PicklistItem[];
}

export class Picklists {
  readonly names: readonly PicklistName[];
  readonly #byIri = new Map<string, PicklistItem>();
  readonly #byName = new Map<string, PicklistName>();

  constructor(newUuid: () => string) {
    let itemId = 0;
    this.names = Object.entries(LISTS).map(([name, values], index) => {
      const uuid = newUuid();
      const list: { -readonly [K in keyof PicklistName]: PicklistName[K] } = {
        id: index + 1,
        uuid,
        iri: `/api/3/picklist_names/${uuid}`,
        name,
        items: [],
      };
      list.items = values.map(([itemValue, color], orderIndex) => {
        const itemUuid = newUuid();
        return {
          id: ++itemId,
          uuid: itemUuid,
          iri: `/api/3/picklists/${itemUuid}`,
          itemValue,
          color,
          orderIndex,
          list,
        };
      });
      return list;
    });
    for (const list of this.names) {
      this.#byName.set(list.name, list);
      for (const item of list.items) this.#byIri.set(item.iri, item);
    }
  }

  item(iri: string): PicklistItem | undefined {
    return this.#byIri.get(iri);
  }

  list(name: string): PicklistName | undefined {
    return this.#byName.get(name);
  }

  listByUuid(uuid: string): PicklistName | undefined {
    return this.names.find((list) => list.uuid === uuid);
  }

  /** The IRI of `value` in list `name`, e.g. `('Severity', 'High')`. */
  iri(name: string, value: string): string | undefined {
    return this.#byName.get(name)?.items.find((item) => item.itemValue === value)?.iri;
  }
}

/** A picklist item as FortiSOAR embeds it in a record or lists it. */
export function picklistView(item: PicklistItem): Record<string, unknown> {
  return {
    '@id': item.iri,
    '@type': 'Picklist',
    id: item.id,
    uuid: item.uuid,
    itemValue: item.itemValue,
    listName: item.list.iri,
    color: item.color,
    icon: null,
    orderIndex: item.orderIndex,
    importedBy: [],
  };
}

export function picklistNameView(list: PicklistName): Record<string, unknown> {
  return {
    '@id': list.iri,
    '@type': 'PicklistName',
    id: list.id,
    uuid: list.uuid,
    name: list.name,
    system: true,
    importedBy: [],
    picklists: list.items.map(picklistView),
  };
}
