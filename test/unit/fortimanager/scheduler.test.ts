import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors.js';
import { Coalescer } from '../../../src/fortimanager/scheduler.js';
import type { RpcReply, WireParams } from '../../../src/fortimanager/types.js';

const URL = '/pm/config/adom/root/obj/firewall/address';
const OK = { code: 0, message: 'OK' };

/** A login the test ends when it likes. */
function pendingLogin() {
  let succeed!: () => void;
  let fail!: (error: unknown) => void;
  const login = new Promise<void>((resolve, reject) => {
    succeed = resolve;
    fail = reject;
  });
  return { login, succeed, fail };
}

/** A coalescer whose sends are recorded (the names each carried) and answered with each entry's data. */
function recording(opened: () => Promise<unknown> | undefined, maxSize = 2) {
  const sent: string[][] = [];
  const coalescer = new Coalescer(
    (_method, _verbose, params: readonly WireParams[], text) => {
      sent.push((JSON.parse(text) as Array<{ data: { name: string } }>).map((p) => p.data.name));
      const reply: RpcReply = {
        id: sent.length,
        items: params.map((p) => ({ url: p.url, status: OK, data: p.data })),
        session: undefined,
      };
      return Promise.resolve(reply);
    },
    { maxSize },
    opened,
  );
  const add = (name: string, signal?: AbortSignal) =>
    coalescer.enqueue('add', true, { url: URL, data: { name } }, undefined, signal);
  return { sent, coalescer, add };
}

const checkPhase = () => new Promise<void>((resolve) => setImmediate(resolve));
const microtasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Coalescer and the login under way', () => {
  it('without a login to wait for, a full request leaves in the caller’s turn', () => {
    const { sent, add } = recording(() => undefined);
    void add('a');
    void add('b');
    expect(sent).toEqual([['a', 'b']]);
  });

  it('sends nothing during the login, then the first request at once and each next a check phase later, in order', async () => {
    const { login, succeed } = pendingLogin();
    const { sent, add } = recording(() => login);
    const calls = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => add(name));
    await microtasks();
    expect(sent).toEqual([]);
    succeed();
    await microtasks();
    // The next ones are not serialized before the first is written (undici writes it in the check phase).
    expect(sent).toEqual([['a', 'b']]);
    await checkPhase();
    await microtasks();
    expect(sent).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await expect(Promise.all(calls)).resolves.toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name })),
    );
    expect(sent).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('a failed login is the answer of every call that waited for it, and nothing is sent', async () => {
    const { login, fail } = pendingLogin();
    const { sent, add } = recording(() => login);
    const calls = ['a', 'b', 'c'].map((name) => add(name).catch((error: unknown) => error));
    const refused = new AuthError('Login failed');
    fail(refused);
    const answers = await Promise.all(calls);
    expect(answers.every((answer) => answer === refused)).toBe(true);
    expect(sent).toEqual([]);
  });

  it('a call aborted while its request waits for the login leaves it: requestSent false, the others go', async () => {
    const { login, succeed } = pendingLogin();
    const { sent, add } = recording(() => login);
    const controller = new AbortController();
    const aborted = add('a', controller.signal).catch((error: unknown) => error);
    const kept = add('b');
    controller.abort();
    await expect(aborted).resolves.toMatchObject({ kind: 'abort', requestSent: false });
    succeed();
    await expect(kept).resolves.toEqual({ name: 'b' });
    expect(sent).toEqual([['b']]);
  });

  it('flush() waits for the requests that wait for the login', async () => {
    const { login, succeed } = pendingLogin();
    const { sent, coalescer, add } = recording(() => login, 100);
    const call = add('a');
    const flushed = coalescer.flush();
    setTimeout(succeed, 5);
    await flushed;
    expect(sent).toEqual([['a']]);
    await expect(call).resolves.toEqual({ name: 'a' });
  });
});
