import { UsageError } from '../errors.js';
import { COMPLETION_SHELLS, completionScript, zshCompletionFunction } from './completion.js';

/** Every variable aws_assume or aws_assume_keys may set, and the ones awst's exports unset. */
const VARIABLES =
  'AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION';

/**
 * What a user puts in their shell's start-up file, as `direnv hook` and `starship init` print theirs:
 * awstools' aws_assume and aws_unassume (plus aws_assume_keys) and tab completion. Everything comes from
 * the installed awst, so no file of the repository is needed.
 */
export function shellInitScript(shell: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `${posixFunctions(shell)}${shell === 'bash' ? withoutHeader(completionScript('bash')) : zshCompletion()}`;
    case 'fish':
      return `${fishFunctions()}${withoutHeader(completionScript('fish'))}`;
    default:
      throw new UsageError(`No shell-init for '${shell}'. Use one of: ${COMPLETION_SHELLS.join(', ')}.`);
  }
}

function withoutHeader(script: string): string {
  return script.replace(/^(#.*\n)+/, '');
}

function posixFunctions(shell: 'bash' | 'zsh'): string {
  return `# awst for ${shell}: aws_assume, aws_assume_keys, aws_unassume and tab completion. In ~/.${shell}rc:
#   eval "$(awst shell-init ${shell})"${shell === 'zsh' ? '   (after compinit, for tab completion)' : ''}

# aws_assume <account> <role>: assume a role and make it this shell's AWS_PROFILE, as awstools' aws_assume did.
aws_assume() {
  local script
  script=$(command awst assume "$@" --export --shell ${shell}) || return
  eval "$script"
}

# aws_assume_keys <account> <role>: put the role's keys themselves in the environment, for tools that cannot
# read profile names with spaces (the AWS SDK for JavaScript, for one).
aws_assume_keys() {
  local script
  script=$(command awst assume "$@" --export-credentials --shell ${shell}) || return
  eval "$script"
}

# aws_unassume: forget the role in this shell: every variable aws_assume or aws_assume_keys set (the
# region included) and the ones they had already unset.
aws_unassume() {
  unset ${VARIABLES}
}

`;
}

/** zsh completion from a start-up file: registered when compinit has run, else one line on how to get it. */
function zshCompletion(): string {
  return `${zshCompletionFunction()}if (( $+functions[compdef] )); then
  compdef _awst awst
else
  print -u2 "awst: tab completion for awst needs compinit first: put 'autoload -Uz compinit && compinit' before the awst shell-init line in ~/.zshrc."
fi
`;
}

function fishFunctions(): string {
  return `# awst for fish: aws_assume, aws_assume_keys, aws_unassume and tab completion. In ~/.config/fish/config.fish:
#   awst shell-init fish | source

# aws_assume <account> <role>: assume a role and make it this shell's AWS_PROFILE, as awstools' aws_assume did.
function aws_assume --description 'Assume an AWS role with awst for this shell'
    set -l script (command awst assume $argv --export --shell fish | string collect)
    or return
    echo $script | source
end

# aws_assume_keys <account> <role>: put the role's keys in the environment instead of a profile name.
function aws_assume_keys --description 'Put AWS role keys from awst in this shell'
    set -l script (command awst assume $argv --export-credentials --shell fish | string collect)
    or return
    echo $script | source
end

# aws_unassume: forget every variable aws_assume or aws_assume_keys set, the region included.
function aws_unassume --description 'Forget the AWS role in this shell'
    set -e ${VARIABLES}
    true
end

`;
}
