import { Command, Option } from 'commander';
import { VERSION } from '../core/version.js';
import { reportAndExit } from './exit.js';
import { GROUPS, type GroupSpec } from './groups.js';
import { OUTPUT_FORMATS } from './output/formats.js';
import { handleInterrupts } from './run.js';
import { list } from './usage.js';

/** The root command: global flags and one stub per group (filled in when the group is loaded). */
function createProgram(): Command {
  const program = new Command('fortix')
    .description('SDK, CLI and simulator for Fortinet management APIs')
    .version(VERSION)
    .addOption(new Option('--profile <name>', 'connection profile (env FORTIX_PROFILE)'))
    .addOption(
      new Option(
        '-o, --output <format>',
        'output format (default: table on a terminal, json when piped)',
      ).choices(OUTPUT_FORMATS),
    )
    .addOption(new Option('--fields <list>', 'comma-separated fields (columns) to show').argParser(list))
    .addOption(new Option('--query <jmespath>', 'JMESPath expression applied to the output'))
    .addOption(
      new Option(
        '--debug',
        'log every HTTP request and response (headers and bodies) on stderr, secrets redacted',
      ),
    )
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const group of GROUPS) {
    program.command(group.name, { hidden: group.hidden }).description(group.description);
  }
  return program;
}

/**
 * Imports the modules of the groups `argv` names: the first operand (`fortix -o json fmg get` ->
 * `fmg`, `fortix help fmg` -> `fmg`), or every group for completion.
 */
async function loadGroups(program: Command, argv: readonly string[]): Promise<void> {
  const name = groupNamed(program, argv.slice(2));
  const wanted = name === '__complete' ? GROUPS : GROUPS.filter((group) => group.name === name);
  await Promise.all(wanted.map((group) => loadGroup(program, group)));
}

/** Fills in a group's stub command with its module's subcommands, flags and actions. */
async function loadGroup(program: Command, group: GroupSpec): Promise<void> {
  const command = program.commands.find((c) => c.name() === group.name);
  if (command) (await group.load()).register(command);
}

function groupNamed(program: Command, args: readonly string[]): string | undefined {
  const takesValue = new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]),
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i++;
      continue;
    }
    if (arg === 'help') return args.slice(i + 1).find((a) => !a.startsWith('-'));
    return arg;
  }
  return undefined;
}

/** Runs the command line: loads the named group, parses, reports failures with their exit codes. */
export async function run(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  handleInterrupts();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `fortix ... | head`
    throw error;
  });
  try {
    if (debug) {
      const [{ enableDebug }, { disableProgress }] = await Promise.all([
        import('./debug.js'),
        import('./progress.js'),
      ]);
      enableDebug();
      disableProgress();
    }
    const program = createProgram();
    await loadGroups(program, argv);
    await program.parseAsync([...argv]);
  } catch (error) {
    reportAndExit(error, debug);
  }
}
