/** Small builders that keep the hand-written schemas readable. */
import type { AttrSchema } from '../schema.js';

type Extra = Omit<AttrSchema, 'type'>;

export const str = (extra: Extra = {}): AttrSchema => ({ type: 'str', ...extra });
export const int = (extra: Extra = {}): AttrSchema => ({ type: 'int', ...extra });
export const raw = (extra: Extra = {}): AttrSchema => ({ type: 'raw', ...extra });
export const dict = (extra: Extra = {}): AttrSchema => ({ type: 'dict', ...extra });
export const strList = (extra: Extra = {}): AttrSchema => ({ type: 'list', elements: 'str', ...extra });

/** An enum answered as a number unless the request is verbose. */
export const numericEnum = (choices: readonly string[], defaultValue?: string): AttrSchema => ({
  type: 'str',
  choices,
  numeric: true,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

/** An enum always answered by its symbol. */
export const symbolicEnum = (choices: readonly string[], defaultValue?: string): AttrSchema => ({
  type: 'str',
  choices,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

export const ipmask = (defaultValue: readonly [string, string] = ['0.0.0.0', '0.0.0.0']): AttrSchema => ({
  type: 'str',
  format: 'ipmask',
  default: defaultValue,
});

/** A sub-table: a list of rows with their own attributes and key. */
export const subTable = (sub: Record<string, AttrSchema>, mkey?: string): AttrSchema => ({
  type: 'list',
  elements: 'dict',
  sub,
  ...(mkey ? { mkey } : {}),
});

export const DISABLE_ENABLE = ['disable', 'enable'] as const;
