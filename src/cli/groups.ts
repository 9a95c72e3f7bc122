import type { Command } from 'commander';

/** What a command group's module exports: it fills in the group's command (subcommands, flags, action). */
export interface GroupModule {
  register(group: Command): void;
}

/**
 * Every top-level command. The root registers only these names and descriptions; a group's module
 * is imported when the command line names it, so `fortix --help` loads no client. A new group is
 * one line here plus its folder.
 */
export interface GroupSpec {
  readonly name: string;
  readonly description: string;
  readonly hidden?: boolean;
  load(): Promise<GroupModule>;
}

export const GROUPS: readonly GroupSpec[] = [
  {
    name: 'fmg',
    description: 'FortiManager: get/add/set/... any URL, batch, workspace locks, installs, tasks, proxy',
    load: () => import('./fmg/index.js'),
  },
  {
    name: 'faz',
    description: 'FortiAnalyzer: log search (streaming), FortiView, reports, alerts and incidents',
    load: () => import('./faz/index.js'),
  },
  {
    name: 'care',
    description: 'FortiCare Asset Management: products, licenses, contracts, folders, services',
    load: () => import('./care/index.js'),
  },
  {
    name: 'soar',
    description: 'FortiSOAR: records, the query API, connectors, agents, playbooks, files',
    load: () => import('./soar/index.js'),
  },
  {
    name: 'fac',
    description: 'FortiAuthenticator: every resource (list/get/create/update/delete), auth, describe',
    load: () => import('./fac/index.js'),
  },
  {
    name: 'config',
    description: 'connection profiles: init, set, get, list, use, show',
    load: () => import('./config/index.js'),
  },
  {
    name: 'sim',
    description: 'run the product simulators on loopback ports until interrupted',
    load: () => import('./sim/index.js'),
  },
  {
    name: 'demo',
    description: 'start the embedded simulators and walk through the main jobs of every product',
    load: () => import('./demo/index.js'),
  },
  {
    name: 'completion',
    description: 'print the shell completion script: fortix completion bash|zsh|fish',
    load: () => import('./completion/index.js'),
  },
  {
    name: '__complete',
    description: 'completion candidates for the words typed so far (used by the completion scripts)',
    hidden: true,
    load: () => import('./completion/complete.js'),
  },
];
