import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDescription, registerDescribeCommand } from '../../../src/cli/commands/describe.js';
import { ValidationError } from '../../../src/core/errors.js';
import { FortiManager } from '../../../src/fortimanager/client.js';
import { describeUrl } from '../../../src/fortimanager/describe.js';
import { FAKE_URL, fakeFmg, OK } from './fake-fmg.js';

const ADDRESSES = '/pm/config/adom/{adom}/obj/firewall/address';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('describeUrl', () => {
  it('describes a table template: key, methods, fields with types, choices, versions', async () => {
    const d = await describeUrl(ADDRESSES);
    expect(d).toMatchObject({
      template: ADDRESSES,
      object: 'firewall_address',
      kind: 'table',
      item: false,
      mkey: 'name',
      required: ['name'],
      methods: ['get', 'add', 'set', 'update', 'replace', 'delete'],
      params: {},
    });
    const byName = new Map(d?.fields.map((f) => [f.name, f]));
    expect(byName.get('allow-routing')).toMatchObject({ type: 'str', choices: ['disable', 'enable'] });
    expect(byName.get('clearpass-spt')).toMatchObject({ versions: '6.2.2+', ranges: [['6.2.2', '']] });
    expect(byName.get('subnet')).toMatchObject({ type: 'ip-mask', overridden: true });
    expect(byName.get('dynamic_mapping')?.fields?.some((f) => f.name === '_scope')).toBe(true);
  });

  it('resolves literal URLs, keeps their values, and drops placeholders spelled differently', async () => {
    expect(await describeUrl('/pm/config/adom/root/obj/firewall/address/h%2F1')).toMatchObject({
      template: `${ADDRESSES}/{address}`,
      item: true,
      params: { adom: 'root', address: 'h/1' },
    });
    expect(await describeUrl(`${ADDRESSES}/{name}`)).toMatchObject({
      template: `${ADDRESSES}/{address}`,
      item: true,
      params: {},
    });
  });

  it('flags sensitive fields and answers undefined for unknown URLs', async () => {
    const login = await describeUrl('/sys/login/user');
    expect(login).toMatchObject({ kind: 'exec', methods: ['exec'] });
    expect(login?.fields.find((f) => f.name === 'passwd')?.sensitive).toBe(true);
    expect(await describeUrl('/no/such/url')).toBeUndefined();
  });
});

describe('fmg.describe', () => {
  it('answers from the catalog without sending anything', async () => {
    const fake = fakeFmg((request) => ({ id: request.id, result: [{ status: OK }] }));
    const fmg = new FortiManager({ url: FAKE_URL, dispatcher: fake.dispatcher, apiKey: 'k'.repeat(32) });
    try {
      expect(await fmg.describe(`${ADDRESSES}/{address}`)).toEqual(
        await describeUrl(`${ADDRESSES}/{address}`),
      );
      expect(await fmg.describe('/nope')).toBeUndefined();
      expect(fake.calls).toEqual([]);
    } finally {
      await fmg.close();
      await fake.close();
    }
  });
});

describe('fortix fmg describe', () => {
  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerDescribeCommand(program);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    await program.parseAsync(['fmg', 'describe', ...args], { from: 'user' });
    return out;
  }

  it('prints a readable summary and a field table', async () => {
    const out = await run(ADDRESSES);
    const lines = out.split('\n');
    expect(lines[0]).toBe(ADDRESSES);
    expect(out).toMatch(/object: +firewall_address \(table\)/);
    expect(out).toMatch(/key: +name/);
    expect(lines.find((l) => l.startsWith('FIELD'))).toMatch(/^FIELD +TYPE +VERSIONS +FLAGS +CHOICES$/);
    expect(lines.find((l) => l.startsWith('allow-routing '))).toMatch(/str .*disable \| enable$/);
    expect(lines.find((l) => l.startsWith('name '))).toContain('required');
    expect(lines.find((l) => l.startsWith('subnet '))).toMatch(/ip-mask .*wire-shape/);
    expect(lines.some((l) => l.startsWith('  _scope '))).toBe(true);
  });

  it('prints JSON with --json', async () => {
    const out = await run('/sys/login/user', '--json');
    expect(JSON.parse(out)).toEqual(await describeUrl('/sys/login/user'));
  });

  it('refuses URLs outside the catalog with a ValidationError (exit code 2)', async () => {
    await expect(run('/no/such/url')).rejects.toBeInstanceOf(ValidationError);
  });

  it('adds describe to an existing fmg command group', () => {
    const program = new Command();
    program.command('fmg').command('get');
    registerDescribeCommand(program);
    const groups = program.commands.filter((c) => c.name() === 'fmg');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.commands.map((c) => c.name())).toEqual(['get', 'describe']);
  });

  it('shortens long choice lists in the table', async () => {
    const d = await describeUrl(ADDRESSES);
    const type = d!.fields.find((f) => f.name === 'type')!;
    expect(type.choices!.length).toBeGreaterThan(8);
    const line = formatDescription(d!)
      .split('\n')
      .find((l) => l.startsWith('type '));
    expect(line).toContain(`… (+${type.choices!.length - 8})`);
  });
});
