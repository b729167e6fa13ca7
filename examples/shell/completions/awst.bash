# awst completion for bash (and zsh via bashcompinit). Load with: source <(awst completion bash)
_awst() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "assume run credential-process console status rotate-keys accounts init completion" -- "$cur")); return
  fi
  case "${COMP_WORDS[1]}" in
    assume|run|credential-process|console)
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "$(awst accounts --names 2>/dev/null)" -- "$cur"))
      elif [ "$COMP_CWORD" -eq 3 ]; then
        COMPREPLY=($(compgen -W "DeveloperAccess AdminAccess" -- "$cur"))
      fi ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
  esac
}
complete -F _awst awst
