import { UsageError } from '../errors.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

const COMMANDS = [
  'assume',
  'run',
  'credential-process',
  'console',
  'status',
  'rotate-keys',
  'accounts',
  'init',
  'completion',
];
const PAIR_COMMANDS = ['assume', 'run', 'credential-process', 'console'];
const ROLES = ['DeveloperAccess', 'AdminAccess'];

/** A completion script for `shell`: commands, then account names (asked from `awst accounts --names`), then roles. */
export function completionScript(shell: string): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return `#compdef awst\nautoload -U +X bashcompinit && bashcompinit\n${bash()}`;
    case 'fish':
      return fish();
    default:
      throw new UsageError(`No completion for '${shell}'. Use one of: ${COMPLETION_SHELLS.join(', ')}.`);
  }
}

function bash(): string {
  return `# awst completion for bash (and zsh via bashcompinit). Load with: source <(awst completion bash)
_awst() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${COMMANDS.join(' ')}" -- "$cur")); return
  fi
  case "\${COMP_WORDS[1]}" in
    ${PAIR_COMMANDS.join('|')})
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "$(awst accounts --names 2>/dev/null)" -- "$cur"))
      elif [ "$COMP_CWORD" -eq 3 ]; then
        COMPREPLY=($(compgen -W "${ROLES.join(' ')}" -- "$cur"))
      fi ;;
    completion) COMPREPLY=($(compgen -W "${COMPLETION_SHELLS.join(' ')}" -- "$cur")) ;;
  esac
}
complete -F _awst awst
`;
}

function fish(): string {
  const pair = PAIR_COMMANDS.join(' ');
  return `# awst completion for fish. Load with: awst completion fish | source
complete -c awst -f
complete -c awst -n '__fish_use_subcommand' -a '${COMMANDS.join(' ')}'
complete -c awst -n '__fish_seen_subcommand_from ${pair}; and test (count (commandline -opc)) -eq 2' -a '(awst accounts --names 2>/dev/null)'
complete -c awst -n '__fish_seen_subcommand_from ${pair}; and test (count (commandline -opc)) -eq 3' -a '${ROLES.join(' ')}'
complete -c awst -n '__fish_seen_subcommand_from completion' -a '${COMPLETION_SHELLS.join(' ')}'
`;
}
