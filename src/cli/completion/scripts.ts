/**
 * The shell side of completion: each script asks `fortix __complete <words...>` for candidates
 * (`value<TAB>description` per line), so commands, flags, profiles and FortiManager URLs are
 * always those of the installed fortix.
 */
export const SCRIPTS = {
  bash: `# fortix completion for bash: eval "$(fortix completion bash)" (e.g. in ~/.bashrc)
_fortix() {
  local IFS=$'\\n' out
  out=$(fortix __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
  COMPREPLY=($(compgen -W "$(printf '%s\\n' "$out" | cut -f1)" -- "\${COMP_WORDS[COMP_CWORD]}"))
  if [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi
}
complete -o default -F _fortix fortix
`,
  zsh: `#compdef fortix
# fortix completion for zsh: eval "$(fortix completion zsh)" (e.g. in ~/.zshrc, after compinit)
_fortix() {
  local -a lines values descriptions open
  local line
  lines=("\${(@f)$(fortix __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    [[ -z $line ]] && continue
    if [[ \${line%%$'\\t'*} == */ ]]; then open+=("\${line%%$'\\t'*}"); continue; fi
    values+=("\${line%%$'\\t'*}")
    descriptions+=("\${line%%$'\\t'*}  \${line#*$'\\t'}")
  done
  (( \${#open} )) && compadd -S '' -- "\${open[@]}"
  (( \${#values} )) && compadd -d descriptions -- "\${values[@]}"
}
compdef _fortix fortix
`,
  fish: `# fortix completion for fish: fortix completion fish > ~/.config/fish/completions/fortix.fish
function __fortix_complete
    set -l tokens (commandline -opc) (commandline -ct)
    fortix __complete -- $tokens[2..-1] 2>/dev/null
end
complete -c fortix -f -a '(__fortix_complete)'
`,
} as const;

export type Shell = keyof typeof SCRIPTS;
