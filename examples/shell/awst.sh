# awst shell functions for bash and zsh. Add to ~/.bashrc or ~/.zshrc:
#   source /path/to/awst/examples/shell/awst.sh

# aws_assume <account> <role>: assume a role and make it this shell's AWS_PROFILE, as awstools' aws_assume did.
aws_assume() {
  local script
  script=$(command awst assume "$@" --export --shell bash) || return
  eval "$script"
}

# aws_assume_keys <account> <role>: put the role's keys themselves in the environment, for tools that cannot
# read profile names with spaces (the AWS SDK for JavaScript, for one).
aws_assume_keys() {
  local script
  script=$(command awst assume "$@" --export-credentials --shell bash) || return
  eval "$script"
}

# aws_unassume: forget the role in this shell: every variable aws_assume or aws_assume_keys set (the
# region included) and the ones they had already unset.
aws_unassume() {
  unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
    AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION
}
