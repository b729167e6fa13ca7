import { UsageError } from '../errors.js';

export interface RunArguments {
  pair?: { account: string; role: string };
  command: string;
  args: string[];
}

const EXAMPLE = 'awst run main-account AdminAccess -- terraform apply';

/** Splits `[<account> <role>] -- <command> [args…]`; the `--` is required so awst never eats the command's options. */
export function parseRunArguments(beforeDashes: string[], afterDashes: string[] | undefined): RunArguments {
  if (!afterDashes) {
    const [account, role, ...command] = beforeDashes;
    throw new UsageError(
      command.length > 0
        ? `Put -- before the command, so awst never takes its options: awst run ${account} ${role} -- ${command.join(' ')}`
        : `Put the command after --, e.g. ${EXAMPLE}`,
    );
  }
  const option = beforeDashes.find((arg) => arg.startsWith('-'));
  if (option) throw new UsageError(`awst run has no option ${option}; awst run --help lists its options.`);
  const [command, ...args] = afterDashes;
  if (!command) throw new UsageError(`No command after --, e.g. ${EXAMPLE}`);
  if (beforeDashes.length === 0) return { command, args };
  const [account, role] = beforeDashes;
  if (beforeDashes.length !== 2 || !account || !role) {
    throw new UsageError(`Give both <account> and <role> before --, or neither, e.g. ${EXAMPLE}`);
  }
  return { pair: { account, role }, command, args };
}
