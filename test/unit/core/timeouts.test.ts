import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/core/errors.js';
import { deadline } from '../../../src/core/timeouts.js';

describe('deadline', () => {
  it('costs nothing without a signal or a timeout, and passes a lone signal through', () => {
    const none = deadline(undefined, undefined);
    expect(none.signal).toBeUndefined();
    expect(none.timedOut()).toBe(false);
    const controller = new AbortController();
    expect(deadline(controller.signal, undefined).signal).toBe(controller.signal);
  });

  it('aborts when the time is up and says so', async () => {
    const d = deadline(undefined, 20);
    await new Promise((resolve) => d.signal!.addEventListener('abort', resolve));
    expect(d.timedOut()).toBe(true);
    expect(d.signal!.reason).toBeInstanceOf(TransportError);
    expect(d.signal!.reason).toMatchObject({ kind: 'timeout' });
    d.clear();
  });

  it('follows the caller signal without calling it a timeout', () => {
    const controller = new AbortController();
    const d = deadline(controller.signal, 10_000);
    controller.abort('stop');
    expect(d.signal!.aborted).toBe(true);
    expect(d.signal!.reason).toBe('stop');
    expect(d.timedOut()).toBe(false);
    d.clear();
    const early = deadline(controller.signal, 10_000);
    expect(early.signal!.aborted).toBe(true);
    early.clear();
  });

  it('stops the timer on clear()', async () => {
    const d = deadline(undefined, 10);
    d.clear();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(d.signal!.aborted).toBe(false);
    expect(d.timedOut()).toBe(false);
  });
});
