import { ValidationError, type ValidationIssue } from './errors.js';

const MAX_LISTED = 8;

/**
 * Collects every problem of one input, so that the user fixes them all in one go, and throws them
 * as one ValidationError (`error.issues`) before anything is sent.
 *
 * @example
 * const issues = new Issues();
 * if (!serial) issues.add('serialNumber', 'is required');
 * issues.throwIfAny('products.details request');
 */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string, code?: string): void {
    this.list.push(code === undefined ? { path, message } : { path, message, code });
  }

  /** Throws one ValidationError naming every issue; nothing was sent. */
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    throw validationError(what, this.list);
  }
}

/** One ValidationError for a list of issues: the first few in the message, all of them in `issues`. */
export function validationError(what: string, issues: readonly ValidationIssue[]): ValidationError {
  const shown = issues.slice(0, MAX_LISTED).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
  return new ValidationError(
    `Invalid ${what} (nothing was sent): ${shown.join('; ')}${more}`,
    issues[0]?.path,
    {
      issues,
      details: { issues },
    },
  );
}
