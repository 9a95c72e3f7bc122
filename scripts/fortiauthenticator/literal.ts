import { propertyKey, quote } from '../catalog/naming.js';

/**
 * A JSON-like value as a TypeScript literal: single quotes, bare keys, values kept on one line when
 * the line (after `prefix` characters of indentation and key) stays within 110 characters.
 */
export function literal(value: unknown, indent = '', prefix = indent.length): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const flat = `[${value.map((item) => literal(item)).join(', ')}]`;
    if (flat.length + prefix <= 110 && !flat.includes('\n')) return flat;
    return `[\n${value.map((item) => `${inner}${literal(item, inner, inner.length + 1)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  const flat = `{ ${entries.map(([key, item]) => `${propertyKey(key)}: ${literal(item)}`).join(', ')} }`;
  if (flat.length + prefix <= 110 && !flat.includes('\n')) return flat;
  const lines = entries.map(([key, item]) => {
    const head = `${inner}${propertyKey(key)}: `;
    return `${head}${literal(item, inner, head.length + 1)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}
