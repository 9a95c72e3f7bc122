import { ValidationError } from '../core/errors.js';
import type { WireParams } from './options.js';
import type { RpcMethod } from './typing.js';

/** One call as the validator sees it, after options were turned into wire params. */
export interface ValidatedCall {
  method: RpcMethod;
  /** The URL as the caller wrote it (a template or a literal URL). */
  template: string;
  params: WireParams;
}

/** Throws a ValidationError when a call should not be sent. */
export type ParamsValidator = (call: ValidatedCall) => void;

const DATA_METHODS = new Set<RpcMethod>(['add', 'set', 'update', 'replace', 'clone']);

/**
 * The validator behind `validate: true`: checks what every FortiManager write shares (data present,
 * objects with non-empty attribute names). The generated catalog adds per-URL attribute checks.
 */
export const shapeValidator: ParamsValidator = ({ method, template, params }) => {
  const data = params.data;
  if (data === undefined) {
    if (DATA_METHODS.has(method)) throw new ValidationError(`${method} ${template} needs data`, 'data');
    return;
  }
  const objects = Array.isArray(data) ? data : [data];
  objects.forEach((object, i) => {
    const where = Array.isArray(data) ? `data[${i}]` : 'data';
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw new ValidationError(`${method} ${template}: ${where} must be an object`, where);
    }
    if (Object.keys(object).some((key) => key.trim() === '')) {
      throw new ValidationError(`${method} ${template}: ${where} has an empty attribute name`, where);
    }
  });
};
