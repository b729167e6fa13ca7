import { UsageError } from '../errors.js';

/**
 * awstools 0.13's command line, as its users' fingers and shell files still type it, mapped onto awst's:
 * what has a meaning here is rewritten to awst's spelling; what does not is refused with what to use instead.
 */

/** awstools commands awst does not carry over, with the AWS CLI command that does the job through a role. */
const NOT_CARRIED_OVER: Record<string, string> = {
  ec2: 'aws ec2 describe-instances --filters "Name=tag:Name,Values=*<text>*"',
  cloudformation: 'aws cloudformation describe-stacks --stack-name <stack>',
  cf: 'aws cloudformation describe-stacks --stack-name <stack>',
  dynamodb: 'aws dynamodb scan --table-name <table>',
  ddb: 'aws dynamodb scan --table-name <table>',
  kms: 'aws kms encrypt --key-id <key> --plaintext fileb://<file> (or aws kms decrypt)',
  kinesis: 'aws kinesis list-streams (or aws kinesis get-records)',
  cloudwatch: 'aws logs filter-log-events --log-group-name <group> --filter-pattern <text>',
  cw: 'aws logs filter-log-events --log-group-name <group> --filter-pattern <text>',
};

/** awstools' names for awst commands. */
const COMMAND_ALIASES: Record<string, string> = {
  'rotate-main-account-key': 'rotate-keys',
  r: 'rotate-keys',
};

/** Options of `assume` that take a value, so their values are not counted as <account> or <role>. */
const ASSUME_VALUE_OPTIONS = ['-t', '--token-code', '--shell', '--reuse-credentials', '--export-file'];

/** The index of the command word in awst's own arguments (before any `--`), or -1. */
export function commandIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--config' || arg === '-c') i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

/** The message for an awstools command that awst does not have, or undefined. */
export function notCarriedOver(command: string): string | undefined {
  const instead = NOT_CARRIED_OVER[command];
  return instead
    ? `awstools' "${command}" command is not part of awst. Use the AWS CLI through a role instead: awst run <account> <role> -- ${instead}`
    : undefined;
}

/** Rewrites awstools spellings in awst's own arguments (those before `--`); throws for what has no meaning here. */
export function translateAwstoolsArgs(args: readonly string[]): string[] {
  const out = [...args];
  const at = commandIndex(out);
  // awstools' --version was -v; awst has no other -v.
  for (let i = 0; i < (at === -1 ? out.length : at); i++) if (out[i] === '-v') out[i] = '--version';
  if (at === -1) return out;
  const command = out[at]!;
  const legacy = notCarriedOver(command);
  if (legacy) throw new UsageError(legacy);
  out[at] = COMMAND_ALIASES[command] ?? command;
  const topic = out[at + 1];
  if (command === 'help' && topic !== undefined) out[at + 1] = COMMAND_ALIASES[topic] ?? topic;
  if (out[at] === 'assume') translateAssumeExport(out, at);
  return out;
}

/**
 * awstools' documented shell function runs `awstools assume --export FILE --export-profile <account> <role>`.
 * awst's --export takes no value, so a path after it becomes --export-file, but only when <account> and
 * <role> are still both there without it (`awst assume --export prod dev` keeps meaning the pair).
 */
function translateAssumeExport(args: string[], commandAt: number): void {
  const joined = args.findIndex((arg, i) => i > commandAt && arg.startsWith('--export='));
  if (joined !== -1) args[joined] = `--export-file=${args[joined]!.slice('--export='.length)}`;
  const flag = args.findIndex((arg, i) => i > commandAt && (arg === '--export' || arg === '-e'));
  if (flag === -1) return;
  const value = args[flag + 1];
  if (value === undefined || value.startsWith('-')) {
    args[flag] = '--export';
    return;
  }
  const positionals = args
    .slice(commandAt + 1)
    .filter((arg, i, rest) => !arg.startsWith('-') && !ASSUME_VALUE_OPTIONS.includes(rest[i - 1] ?? ''));
  if (positionals.length >= 3) args.splice(flag, 1, '--export-file');
  else args[flag] = '--export';
}
