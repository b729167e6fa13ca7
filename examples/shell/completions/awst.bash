# awst completion for bash. Load with: source <(awst completion bash)
_awst_add() { # adds each line of stdin that starts with $cur, quoted for the command line
  local word
  while IFS= read -r word; do
    [[ -n $word && $word == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$word")")
  done
}
_awst() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    _awst_add < <(printf '%s\n' assume run credential-process console status logout rotate-keys accounts init completion shell-init); return
  fi
  case "${COMP_WORDS[1]}" in
    assume|run|credential-process|console|logout)
      if [ "$COMP_CWORD" -eq 2 ]; then
        _awst_add < <(awst accounts --names 2>/dev/null)
      elif [ "$COMP_CWORD" -eq 3 ]; then
        _awst_add < <(awst accounts --roles 2>/dev/null)
      fi ;;
    completion|shell-init) [ "$COMP_CWORD" -eq 2 ] && _awst_add < <(printf '%s\n' bash zsh fish) ;;
  esac
}
complete -F _awst awst
