import { UsageError } from '../errors.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

const COMMANDS = [
  'assume',
  'run',
  'credential-process',
  'console',
  'status',
  'logout',
  'rotate-keys',
  'accounts',
  'init',
  'completion',
  'shell-init',
];
const PAIR_COMMANDS = ['assume', 'run', 'credential-process', 'console', 'logout'];

/**
 * A completion script for `shell`: commands, then account names and role names, both asked from config.toml
 * on each Tab (`awst accounts --names`, `awst accounts --roles`, which print nothing on stderr). Names are
 * data: they are never evaluated, and are quoted when inserted.
 */
export function completionScript(shell: string): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
    default:
      throw new UsageError(`No completion for '${shell}'. Use one of: ${COMPLETION_SHELLS.join(', ')}.`);
  }
}

function bash(): string {
  return `# awst completion for bash. Load with: source <(awst completion bash)
_awst_add() { # adds each line of stdin that starts with $cur, quoted for the command line
  local word
  while IFS= read -r word; do
    [[ -n $word && $word == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$word")")
  done
}
_awst() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    _awst_add < <(printf '%s\\n' ${COMMANDS.join(' ')}); return
  fi
  case "\${COMP_WORDS[1]}" in
    ${PAIR_COMMANDS.join('|')})
      if [ "$COMP_CWORD" -eq 2 ]; then
        _awst_add < <(awst accounts --names 2>/dev/null)
      elif [ "$COMP_CWORD" -eq 3 ]; then
        _awst_add < <(awst accounts --roles 2>/dev/null)
      fi ;;
    completion|shell-init) [ "$COMP_CWORD" -eq 2 ] && _awst_add < <(printf '%s\\n' ${COMPLETION_SHELLS.join(' ')}) ;;
  esac
}
complete -F _awst awst
`;
}

function zsh(): string {
  return `#compdef awst
# awst completion for zsh. Either put this file on $fpath as _awst before compinit runs, or, after
# compinit in ~/.zshrc: source <(awst completion zsh)
${zshCompletionFunction()}if [[ $funcstack[1] == _awst ]]; then
  # Autoloaded from $fpath: this file is the body of _awst, so complete now (the first Tab counts too).
  _awst "$@"
elif (( $+functions[compdef] )); then
  compdef _awst awst
else
  print -u2 "awst: zsh completion needs compinit first: put 'autoload -Uz compinit && compinit' before 'source <(awst completion zsh)' in ~/.zshrc."
  return 1
fi
`;
}

/** The zsh completion function alone, for \`awst completion zsh\` and \`awst shell-init zsh\`. */
export function zshCompletionFunction(): string {
  return `_awst() {
  local -a items
  if (( CURRENT == 2 )); then
    items=(${COMMANDS.join(' ')})
  else
    case $words[2] in
      ${PAIR_COMMANDS.join('|')})
        if (( CURRENT == 3 )); then
          items=(\${(f)"$(awst accounts --names 2>/dev/null)"})
        elif (( CURRENT == 4 )); then
          items=(\${(f)"$(awst accounts --roles 2>/dev/null)"})
        fi ;;
      completion|shell-init) (( CURRENT == 3 )) && items=(${COMPLETION_SHELLS.join(' ')}) ;;
    esac
  fi
  (( \${#items} )) && compadd -a items
}
`;
}

function fish(): string {
  const pair = PAIR_COMMANDS.join(' ');
  return `# awst completion for fish. Load with: awst completion fish | source
complete -c awst -f
complete -c awst -n '__fish_use_subcommand' -a '${COMMANDS.join(' ')}'
complete -c awst -n '__fish_seen_subcommand_from ${pair}; and test (count (commandline -opc)) -eq 2' -a '(awst accounts --names 2>/dev/null)'
complete -c awst -n '__fish_seen_subcommand_from ${pair}; and test (count (commandline -opc)) -eq 3' -a '(awst accounts --roles 2>/dev/null)'
complete -c awst -n '__fish_seen_subcommand_from completion shell-init' -a '${COMPLETION_SHELLS.join(' ')}'
`;
}
