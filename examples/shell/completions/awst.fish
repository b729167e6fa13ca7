# awst completion for fish. Load with: awst completion fish | source
complete -c awst -f
complete -c awst -n '__fish_use_subcommand' -a 'assume run credential-process console status logout rotate-keys accounts init completion shell-init'
complete -c awst -n '__fish_seen_subcommand_from assume run credential-process console logout; and test (count (commandline -opc)) -eq 2' -a '(awst accounts --names 2>/dev/null)'
complete -c awst -n '__fish_seen_subcommand_from assume run credential-process console logout; and test (count (commandline -opc)) -eq 3' -a '(awst accounts --roles 2>/dev/null)'
complete -c awst -n '__fish_seen_subcommand_from completion shell-init' -a 'bash zsh fish'
