# awst functions for fish. Save as ~/.config/fish/conf.d/awst.fish

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
    set -e AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
        AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION
    true
end
