import { describe, expect, it } from 'vitest';
import { FortixError } from '../../../src/core/errors.js';
import { Disposer } from '../../../src/core/lifecycle.js';

describe('Disposer', () => {
  it('runs cleanups once, newest first, awaiting each', async () => {
    const order: string[] = [];
    const disposer = new Disposer();
    disposer.add(() => {
      order.push('close sockets');
    });
    disposer.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('logout');
    });
    disposer.add(() => {
      order.push('unlock');
    });
    expect(disposer.closed).toBe(false);
    const first = disposer.dispose();
    expect(disposer.closed).toBe(true);
    await Promise.all([first, disposer.dispose()]);
    await disposer.dispose();
    expect(order).toEqual(['unlock', 'logout', 'close sockets']);
  });

  it('keeps going after a failure and rethrows it', async () => {
    const ran: number[] = [];
    const disposer = new Disposer();
    const boom = new Error('logout failed');
    disposer.add(() => {
      ran.push(1);
    });
    disposer.add(() => {
      throw boom;
    });
    await expect(disposer.dispose()).rejects.toBe(boom);
    expect(ran).toEqual([1]);
  });

  it('collects several failures in an AggregateError', async () => {
    const disposer = new Disposer();
    disposer.add(() => Promise.reject(new Error('a')));
    disposer.add(() => Promise.reject(new Error('b')));
    const error = await disposer.dispose().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['b', 'a']);
  });

  it('runs a cleanup added while disposing, refuses one added afterwards', async () => {
    const order: string[] = [];
    const disposer = new Disposer();
    disposer.add(() => {
      order.push('first');
      disposer.add(() => {
        order.push('late');
      });
    });
    await disposer.dispose();
    expect(order).toEqual(['first', 'late']);
    expect(() => disposer.add(() => {})).toThrow(FortixError);
  });

  it('returns the same promise to a cleanup that calls dispose() again', async () => {
    const disposer = new Disposer();
    let inner: Promise<void> | undefined;
    disposer.add(() => {
      inner = disposer.dispose();
    });
    const outer = disposer.dispose();
    await outer;
    expect(inner).toBe(outer);
  });
});
