import { describe, expect, it } from 'vitest';
import { type Logger, Redactor, SafeLog } from '../../../src/core/logging.js';

const PASSWORD = 'p@ss w0rd/"x"';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(PASSWORD);
  r.addSecret('session-abcdef');
  return r;
}

describe('Redactor.redactText', () => {
  it('replaces every known secret, also URL-encoded and JSON-escaped', () => {
    const r = redactor();
    const text = [
      `raw ${PASSWORD}`,
      `url ${encodeURIComponent(PASSWORD)}`,
      `form ${encodeURIComponent(PASSWORD).replaceAll('%20', '+')}`,
      `lower ${encodeURIComponent(PASSWORD).toLowerCase()}`,
      `json ${JSON.stringify({ password: PASSWORD })}`,
      'id session-abcdef twice session-abcdef',
    ].join('\n');
    const out = r.redactText(text);
    expect(out).not.toContain('w0rd');
    expect(out).not.toContain('session-abcdef');
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(7);
    expect(out).toContain('json {"password":"[REDACTED]"}');
  });

  it('forgets a removed secret but keeps the others', () => {
    const r = redactor();
    r.removeSecret('session-abcdef');
    expect(r.redactText(`session-abcdef ${PASSWORD}`)).toBe('session-abcdef [REDACTED]');
  });

  it('ignores values too short to be secrets, and empty inputs', () => {
    const r = new Redactor();
    r.addSecret('abc');
    r.addSecret(undefined);
    r.addSecret(null);
    r.addSecret('');
    expect(r.redactText('abc abcd')).toBe('abc abcd');
  });
});

describe('Redactor.redact', () => {
  it('redacts by key and by value in a deep copy', () => {
    const r = redactor();
    const input = {
      user: 'admin',
      passwd: 'hunter22',
      nested: { apiKey: 'k', 'api-key': 'k', Authorization: 'Bearer x', list: [`pw=${PASSWORD}`, 3] },
      note: 'session session-abcdef',
      absent: undefined,
      when: new Date(0),
    };
    const out = r.redact(input);
    expect(out).toEqual({
      user: 'admin',
      passwd: '[REDACTED]',
      nested: {
        apiKey: '[REDACTED]',
        'api-key': '[REDACTED]',
        Authorization: '[REDACTED]',
        list: ['pw=[REDACTED]', 3],
      },
      note: 'session [REDACTED]',
      absent: undefined,
      when: new Date(0),
    });
    expect(input.passwd).toBe('hunter22');
  });

  it('uses extra secret keys, copes with cycles and scrubs errors', () => {
    const r = new Redactor(/^x-fmg-/gi);
    r.addSecret('tok-secret-1');
    const cyclic: Record<string, unknown> = {
      'X-FMG-Id': 'y',
      error: new Error('token tok-secret-1 expired'),
    };
    cyclic.self = cyclic;
    const out = r.redact(cyclic);
    expect(out['X-FMG-Id']).toBe('[REDACTED]');
    expect(r.isSecretKey('X-FMG-Id') && r.isSecretKey('X-FMG-Id')).toBe(true);
    expect(out.self).toBe(out);
    expect(out.error).toEqual({ name: 'Error', message: 'token [REDACTED] expired' });
    expect(r.isSecretKey('refresh_token')).toBe(true);
    expect(r.isSecretKey('serialNumber')).toBe(false);
  });
});

describe('SafeLog', () => {
  it('redacts message and meta before the logger sees them', () => {
    const seen: unknown[][] = [];
    const record =
      (level: string) =>
      (...args: unknown[]) =>
        seen.push([level, ...args]);
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const log = new SafeLog(logger, redactor());
    expect(log.enabled).toBe(true);
    log.debug(`login with ${PASSWORD}`, { password: PASSWORD, user: 'admin' });
    log.info('plain');
    log.warn('w', { session: 'session-abcdef' });
    log.error('e session-abcdef');
    expect(seen).toEqual([
      ['debug', 'login with [REDACTED]', { password: '[REDACTED]', user: 'admin' }],
      ['info', 'plain'],
      ['warn', 'w', { session: '[REDACTED]' }],
      ['error', 'e [REDACTED]'],
    ]);
  });

  it('does nothing without a logger', () => {
    const log = new SafeLog(undefined, redactor());
    expect(log.enabled).toBe(false);
    expect(() => log.error('x', { a: 1 })).not.toThrow();
  });
});
