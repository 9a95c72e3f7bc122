import { Argument, type Command } from 'commander';
import { SCRIPTS, type Shell } from './scripts.js';

/** `fortix completion bash|zsh|fish`: prints the completion script of a shell. */
export function register(completion: Command): void {
  completion
    .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(SCRIPTS)))
    .addHelpText(
      'after',
      [
        '',
        'Install:',
        '  bash  eval "$(fortix completion bash)"   (in ~/.bashrc)',
        '  zsh   eval "$(fortix completion zsh)"    (in ~/.zshrc, after compinit)',
        '  fish  fortix completion fish > ~/.config/fish/completions/fortix.fish',
      ].join('\n'),
    )
    .action((shell: Shell) => {
      process.stdout.write(SCRIPTS[shell]);
    });
}
