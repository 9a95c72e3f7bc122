/**
 * Object names in JSON-RPC urls, as FortiManager reads them (issue 8, item 0): the url is split on
 * unescaped `/` only; inside a step `\/` is a slash and `\\` a backslash of the name; nothing is
 * percent-decoded (`web%20server` is the literal name `web%20server`); folder-like placeholders are
 * not involved here. Everything goes through raw JSON-RPC requests, without the fortix client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FmgHarness, type Json, names, startFmg } from './helpers.js';

const ADDRESS = '/pm/config/adom/root/obj/firewall/address';
const GROUP = '/pm/config/adom/root/obj/firewall/addrgrp';

/** Names with every character the rule is about: spaces, `/`, `\`, `%`, `#`, quotes, non-ASCII. */
const NAMES = [
  'web server 1',
  'Net_10.0.0.0/18',
  'a/b/c',
  'back\\slash',
  'both\\/mixed',
  'trailing\\',
  '100%',
  'web%20server',
  'hash#tag',
  'quote"d',
  "it's",
  'Zürich-Büro',
  '東京 オフィス',
  '?query=1&x',
];

/** A name as one url step: `\` -> `\\`, `/` -> `\/`, nothing else. */
function step(name: string): string {
  return name.replaceAll('\\', '\\\\').replaceAll('/', '\\/');
}

let h: FmgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function open() {
  h = await startFmg();
  const session = await h.login();
  const call = (method: string, param: Json) => h!.call(method, param, { session });
  return { call };
}

describe('object names in urls', () => {
  it('creates, reads, updates and deletes objects whose names need escaping or none', async () => {
    const { call } = await open();
    for (const [i, name] of NAMES.entries()) {
      const added = await call('add', { url: ADDRESS, data: { name, subnet: `192.0.2.${i + 1}/32` } });
      expect(added.status.code, name).toBe(0);
      expect(added.data, name).toEqual({ name });
    }
    const listed = await call('get', { url: ADDRESS, fields: ['name'] });
    for (const name of NAMES) expect(names(listed)).toContain(name);
    for (const [i, name] of NAMES.entries()) {
      const url = `${ADDRESS}/${step(name)}`;
      const read = await call('get', { url, fields: ['name', 'subnet'] });
      expect(read.status.code, url).toBe(0);
      expect(read.url, 'the url is answered as it was sent').toBe(url);
      expect(read.data, url).toMatchObject({ name, subnet: [`192.0.2.${i + 1}`, '255.255.255.255'] });
      const updated = await call('update', { url, data: { comment: `row ${i}` } });
      expect(updated.status.code, url).toBe(0);
      expect(updated.data, url).toEqual({ name });
    }
    for (const name of NAMES) {
      const url = `${ADDRESS}/${step(name)}`;
      expect((await call('delete', { url })).status.code, url).toBe(0);
      expect((await call('get', { url })).status.code, url).toBe(-3);
    }
  });

  it('does not percent-decode: %20 is three characters of the name', async () => {
    const { call } = await open();
    await call('add', { url: ADDRESS, data: { name: 'web server', subnet: '192.0.2.1/32' } });
    await call('add', { url: ADDRESS, data: { name: 'web%20server', subnet: '192.0.2.2/32' } });
    const spaced = await call('get', { url: `${ADDRESS}/web server`, fields: ['subnet'] });
    expect((spaced.data as Json).subnet).toEqual(['192.0.2.1', '255.255.255.255']);
    const literal = await call('get', { url: `${ADDRESS}/web%20server`, fields: ['subnet'] });
    expect((literal.data as Json).subnet).toEqual(['192.0.2.2', '255.255.255.255']);
    // `%2F` is not a slash either, and an encoded name is no alias of the plain one.
    expect((await call('get', { url: `${ADDRESS}/a%2Fb` })).status.code).toBe(-3);
    await call('delete', { url: `${ADDRESS}/web%20server` });
    expect((await call('get', { url: `${ADDRESS}/web server` })).status.code).toBe(0);
  });

  it('splits on unescaped / only: an unescaped slash in a name is another step', async () => {
    const { call } = await open();
    await call('add', { url: ADDRESS, data: { name: 'a/b', subnet: '192.0.2.1/32' } });
    expect((await call('get', { url: `${ADDRESS}/a\\/b` })).status.code).toBe(0);
    // `.../address/a/b` names the attribute `b` of a row `a`, which does not exist.
    expect((await call('get', { url: `${ADDRESS}/a/b` })).status.code).not.toBe(0);
    // An escaped backslash before a slash: the name ends with `\`, then a new step begins.
    await call('add', { url: ADDRESS, data: { name: 'x\\', subnet: '192.0.2.3/32' } });
    const backslash = await call('get', { url: `${ADDRESS}/x\\\\`, fields: ['name'] });
    expect((backslash.data as Json).name).toBe('x\\');
  });

  it('reads member names as they are, and member urls of escaped rows', async () => {
    const { call } = await open();
    for (const name of ['a/b', 'c d', 'e%f']) await call('add', { url: ADDRESS, data: { name } });
    const added = await call('add', { url: GROUP, data: { name: 'grp/1', member: ['a/b', 'c d'] } });
    expect(added.status.code).toBe(0);
    const member = `${GROUP}/${step('grp/1')}/member`;
    expect((await call('add', { url: member, data: ['e%f'] })).status.code).toBe(0);
    const group = await call('get', { url: `${GROUP}/${step('grp/1')}`, fields: ['member'] });
    expect((group.data as Json).member).toEqual(['a/b', 'c d', 'e%f']);
    expect((await call('delete', { url: member, data: ['a/b'] })).status.code).toBe(0);
    const after = await call('get', { url: `${GROUP}/${step('grp/1')}`, fields: ['member'] });
    expect((after.data as Json).member).toEqual(['c d', 'e%f']);
  });

  it('addresses per-device mappings as {device}/{vdom}, or with the slash escaped', async () => {
    const { call } = await open();
    await call('add', { url: ADDRESS, data: { name: 'mapped one', subnet: '192.0.2.1/32' } });
    const mappings = `${ADDRESS}/mapped one/dynamic_mapping`;
    const scope = { name: 'FGT1', vdom: 'root' };
    const added = await call('add', { url: mappings, data: { _scope: [scope], subnet: '198.51.100.1/32' } });
    expect(added.status.code).toBe(0);
    for (const url of [`${mappings}/FGT1/root`, `${mappings}/FGT1\\/root`]) {
      const read = await call('get', { url, fields: ['subnet'] });
      expect(read.status.code, url).toBe(0);
      expect((read.data as Json).subnet).toEqual(['198.51.100.1', '255.255.255.255']);
    }
  });
});
