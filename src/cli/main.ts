#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../core/version.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDescribeCommand } from './commands/describe.js';
import { registerSimCommand } from './commands/sim.js';
import { reportAndExit } from './exit.js';

const program = new Command()
  .name('fortix')
  .description('SDK, CLI and simulator for Fortinet management APIs')
  .version(VERSION);

registerSimCommand(program);
registerDemoCommand(program);
registerDescribeCommand(program);

program.parseAsync(process.argv).catch(reportAndExit);
