import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { fortiviewDevices, logsearchDevices } from '../../../src/fortianalyzer/devices.js';
import { checkLogType } from '../../../src/fortianalyzer/log-types.js';
import { reportBound, resolveRange, wireRange } from '../../../src/fortianalyzer/time.js';

const NOW = Date.UTC(2026, 0, 1, 9);

describe('time ranges', () => {
  it('converts instants into wall-clock bounds in an explicit zone', () => {
    const range = resolveRange(
      { start: new Date(Date.UTC(2026, 0, 1, 8)), end: '2026-01-01T08:59:59Z' },
      NOW,
      'UTC',
    );
    expect(range).toEqual({
      startSec: Date.UTC(2026, 0, 1, 8) / 1000,
      endSec: Date.UTC(2026, 0, 1, 8, 59, 59) / 1000,
      timeZone: 'UTC',
    });
    expect(wireRange(range.startSec, range.endSec, 'America/Los_Angeles')).toEqual({
      'time-range': { start: '2026-01-01 00:00:00', end: '2026-01-01 00:59:59' },
      timezone: 'America/Los_Angeles',
    });
  });

  it('reads naive strings in the range zone and handles daylight saving', () => {
    const paris = resolveRange(
      { start: '2026-07-01 10:00:00', end: '2026-07-01 10:30', timeZone: 'Europe/Paris' },
      NOW,
      'UTC',
    );
    expect(paris.startSec).toBe(Date.UTC(2026, 6, 1, 8) / 1000);
    expect(paris.endSec).toBe(Date.UTC(2026, 6, 1, 8, 30) / 1000);
    const winter = resolveRange(
      { start: '2026-01-01 10:00:00', end: '2026-01-01 10:00:00', timeZone: 'Europe/Paris' },
      NOW,
      'UTC',
    );
    expect(winter.startSec).toBe(Date.UTC(2026, 0, 1, 9) / 1000);
    expect(
      resolveRange(
        { start: '2026-01-01 10:00:00', end: '2026-01-01 11:00:00', timeZone: '+05:30' },
        NOW,
        'UTC',
      ).startSec,
    ).toBe(Date.UTC(2026, 0, 1, 4, 30) / 1000);
  });

  it('takes the last duration before now', () => {
    expect(resolveRange({ last: '1h' }, NOW, 'UTC')).toEqual({
      startSec: NOW / 1000 - 3600,
      endSec: NOW / 1000,
      timeZone: 'UTC',
    });
    expect(resolveRange({ last: 90_000 }, NOW, 'UTC').startSec).toBe(NOW / 1000 - 90);
  });

  it('refuses unknown zones, bad times, bad durations and reversed ranges', () => {
    for (const range of [
      { last: '1h', timeZone: 'Mars/Olympus' },
      { start: 'yesterday', end: NOW },
      { start: NOW, end: Number.NaN },
      { last: '1 hour' },
      { last: -5 },
      { start: NOW, end: NOW - 1000 },
    ]) {
      expect(() => resolveRange(range as never, NOW, 'UTC'), JSON.stringify(range)).toThrow(ValidationError);
    }
  });

  it('writes report bounds as HH:MM yyyy/mm/dd', () => {
    expect(reportBound(Date.UTC(2026, 0, 1, 7, 5) / 1000, 'UTC')).toBe('07:05 2026/01/01');
  });
});

describe('log types and devices', () => {
  it('accepts the catalogue and refuses aliases and utm with the right spelling', () => {
    expect(checkLogType('traffic')).toBe('traffic');
    expect(() => checkLogType('anomaly')).toThrow("use logtype 'attack'");
    expect(() => checkLogType('utm')).toThrow(/no log type filter/);
    expect(() => checkLogType('bogus')).toThrow(/Unknown log type/);
  });

  it('spells all devices per endpoint and refuses names as serials', () => {
    expect(logsearchDevices()).toEqual([{ devid: 'All_FortiGate' }]);
    expect(fortiviewDevices()).toEqual([{ devname: 'All_Device' }]);
    expect(
      logsearchDevices([
        { serial: 'FGVM08TM24000101', vdom: 'dmz' },
        { name: 'FGT-BR-01' },
        { fabric: 'Corp_SF' },
      ]),
    ).toEqual([{ devid: 'FGVM08TM24000101[dmz]' }, { devname: 'FGT-BR-01' }, { csfname: 'Corp_SF' }]);
    expect(() => logsearchDevices({ serial: 'FGT-HQ-01' })).toThrow(/not a serial number/);
    expect(() => logsearchDevices([])).toThrow(/matches nothing/);
    expect(() => logsearchDevices({ name: 'x', vdom: 'a]b' })).toThrow(/VDOM/);
  });
});
