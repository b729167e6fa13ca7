#!/usr/bin/env bash
# Prints the caller ARN each real client sees, one "client=ARN" line each (or "client=<its error>").
#   clients.sh PROFILE CLIENT...   PROFILE is selected explicitly when not empty; CLIENT: aws boto3 js terraform
# Needs NODE (a node binary) and TF_DIR (an initialised Terraform folder, see identity.integration.test.ts).
# The clients run side by side; each one's stdout is its answer, its stderr only shown when it has none.
profile=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ask() {
  case $1 in
    aws) aws sts get-caller-identity --query Arn --output text ${profile:+--profile "$profile"} ;;
    boto3) python3 -c 'import sys, boto3
print(boto3.Session(profile_name=sys.argv[1] or None).client("sts").get_caller_identity()["Arn"])' "$profile" ;;
    js) AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true "$NODE" "$here/whoami-sdk.mjs" "$profile" ;;
    terraform)
      # A plan reads the data source as an apply would, starting the provider fewer times and writing no state.
      terraform -chdir="$TF_DIR" plan -input=false -no-color -lock=false \
        -state="$work/terraform.tfstate" -var "profile=$profile" |
        sed -n 's/^ *+ arn *= "\(.*\)"$/\1/p'
      ;;
  esac
}

for client in "$@"; do
  ask "$client" >"$work/$client.out" 2>"$work/$client.err" &
done
wait
for client in "$@"; do
  answer=$(cat "$work/$client.out")
  [ -n "$answer" ] || answer=$(tr -s '\n' ' ' <"$work/$client.err" | cut -c1-300)
  printf '%s=%s\n' "$client" "$answer"
done
