import type { Command, Option } from 'commander';
import { loadConfig } from '../config/store.js';
import { PRODUCTS } from '../products.js';

/** A candidate and what it is (shown by zsh and fish). */
type Candidate = [value: string, description: string];

/**
 * `fortix __complete <words...>`: the candidates for the last word (possibly empty), given the
 * words before it: subcommands, flags, flag values (profiles, formats, choices) and FortiManager
 * URL templates, one segment at a time.
 */
export function register(complete: Command): void {
  complete
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[]) => {
      const root = complete.parent!;
      const candidates = await candidatesFor(root, words.length ? words : ['']);
      process.stdout.write(candidates.map(([value, description]) => `${value}\t${description}\n`).join(''));
    });
}

async function candidatesFor(root: Command, words: readonly string[]): Promise<Candidate[]> {
  const current = words[words.length - 1] ?? '';
  let command = root;
  let operands = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const word = words[i]!;
    if (word.startsWith('-')) {
      if (takesValue(optionOf(command, word)) && !word.includes('=')) i++;
      continue;
    }
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) command = sub;
    else operands++;
  }
  const previous = words.length > 1 ? words[words.length - 2]! : '';
  const pending = previous.startsWith('-') ? optionOf(command, previous) : undefined;
  if (takesValue(pending)) return matching(await optionValues(pending!), current);
  if (current.startsWith('-')) return matching(optionsOf(command), current);
  const subcommands = command.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden && c.name() !== 'help')
    .map((c): Candidate => [c.name(), c.description()]);
  if (subcommands.length > 0) return matching(subcommands, current);
  if (operands === 0 && takesFmgUrl(command)) return fmgUrls(current);
  return [];
}

function optionsOf(command: Command): Candidate[] {
  const out: Candidate[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options)
      if (option.long && !option.hidden) out.push([option.long, option.description]);
  }
  return out;
}

function optionOf(command: Command, flag: string): Option | undefined {
  const name = flag.split('=', 1)[0];
  for (let c: Command | null = command; c; c = c.parent) {
    const found = c.options.find((o) => o.long === name || o.short === name);
    if (found) return found;
  }
  return undefined;
}

function takesValue(option: Option | undefined): boolean {
  return option !== undefined && (option.required || option.optional);
}

async function optionValues(option: Option): Promise<Candidate[]> {
  if (option.long === '--profile') {
    const { profiles } = loadConfig();
    return Object.entries(profiles).map(([name, p]) => [name, `${p.product} ${p.url ?? ''}`.trim()]);
  }
  if (option.long === '--product') return PRODUCTS.map((p) => [p.group, p.title]);
  return (option.argChoices ?? []).map((choice) => [choice, '']);
}

function takesFmgUrl(command: Command): boolean {
  return command.parent?.name() === 'fmg' && command.registeredArguments[0]?.name() === 'url';
}

/** Catalog templates that start with `prefix`, cut after the next `/` (one segment at a time). */
async function fmgUrls(prefix: string): Promise<Candidate[]> {
  const { loadFmgFacts } = await import('../../fortimanager/catalog/facts.js');
  const { templates } = await loadFmgFacts();
  const out = new Map<string, string>();
  for (const { template, object } of templates) {
    if (!template.startsWith(prefix)) continue;
    const next = template.indexOf('/', prefix.length + (template[prefix.length] === '/' ? 1 : 0));
    const value = next < 0 ? template : template.slice(0, next + 1);
    if (!out.has(value)) out.set(value, next < 0 ? object.name : '');
  }
  return [...out];
}

function matching(candidates: Candidate[], prefix: string): Candidate[] {
  return candidates.filter(([value]) => value.startsWith(prefix));
}
