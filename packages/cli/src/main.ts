import { MINUTES, minutesWithin } from '@awst/rules';
import { Argument, Command, CommanderError, Option } from 'commander';
import { commandIndex, notCarriedOver, translateAwstoolsArgs } from './cli/awstools-args.js';
import type { GlobalOptions } from './commands/wiring.js';
import { AwstError, UsageError } from './errors.js';
import { setDebug } from './terminal/debug.js';
import { setNoColor } from './terminal/plain.js';
import { version } from './version.js';

/** Parses arguments, runs one command, and maps every failure to a message on stderr and an exit code. */
export async function main(argv: string[]): Promise<number> {
  // Everything after the first `--` belongs to the command `awst run` starts, never to awst; outside run,
  // a `--` with only options before it ends the options (`awst assume -t 123456 -- prod Admin`).
  const found = argv.indexOf('--');
  const dashes = found >= 0 && dashesEndOptions(argv.slice(0, found)) ? -1 : found;
  const childArgs = dashes >= 0 ? argv.slice(dashes + 1) : undefined;
  let exitCode = 0;
  const program = buildProgram(childArgs, (code) => {
    exitCode = code;
  });
  try {
    const ownArgs = translateAwstoolsArgs(dashes >= 0 ? argv.slice(0, dashes) : argv);
    checkHelpTopic(program, ownArgs);
    await program.parseAsync(ownArgs, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, program.opts<GlobalOptions>().debug ?? argv.includes('--debug'));
  }
}

/** Options of awst that take a value, so their values are not taken for <account> or <role>. */
const VALUE_OPTIONS = [
  '-c',
  '--config',
  '-t',
  '--token-code',
  '--shell',
  '--reuse-credentials',
  '--export-file',
];

/** True when, outside `run`, nothing but options (and their values) stands between the command and `--`. */
function dashesEndOptions(beforeDashes: string[]): boolean {
  const at = commandIndex(beforeDashes);
  if (at === -1 || beforeDashes[at] === 'run') return false;
  const rest = beforeDashes.slice(at + 1);
  return rest.every((arg, i) => arg.startsWith('-') || VALUE_OPTIONS.includes(rest[i - 1] ?? ''));
}

/** `awst help nonsense` says that there is no such command (commander would show the general help). */
function checkHelpTopic(program: Command, args: string[]): void {
  const at = commandIndex(args);
  const topic = at === -1 || args[at] !== 'help' ? undefined : args[at + 1];
  if (topic === undefined || topic.startsWith('-')) return;
  if (program.commands.some((c) => c.name() === topic || c.aliases().includes(topic))) return;
  throw new UsageError(
    notCarriedOver(topic) ??
      `There is no command "${topic}". Commands: ${visibleCommands(program).join(', ')} (awst --help describes them).`,
  );
}

function visibleCommands(program: Command): string[] {
  return program.commands.map((c) => c.name()).filter((name) => name !== 'help');
}

function buildProgram(childArgs: string[] | undefined, setExitCode: (code: number) => void): Command {
  const program = new Command('awst')
    .description(
      'Assume MFA-protected AWS roles, run commands with role credentials, and rotate your access keys.',
    )
    .version(version, '-V, --version')
    .option(
      '-c, --config <path>',
      'config.toml to use (default: $AWST_CONFIG, ~/.config/awst/config.toml, ~/.config/awstools/config.toml)',
    )
    .option('--debug', "show the credential chain's decisions and errors' stack traces")
    // awstools' --no-color: the prompts are then plain text, without colour or cursor movement.
    .addOption(new Option('--no-color').hideHelp())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const global = () => program.opts<GlobalOptions>();
  program.hook('preAction', (_program, command) => {
    if (program.opts<{ color?: boolean }>().color === false) setNoColor();
    if (global().debug) setDebug();
    if (childArgs !== undefined && command.name() !== 'run') {
      throw new UsageError(
        `awst ${command.name()} takes nothing after --; only awst run starts a command: awst run <account> <role> -- ${childArgs.join(' ') || '<command>'}`,
      );
    }
  });

  program
    .command('assume')
    .description(
      'Get credentials for a role into the profile "<account> <role>" (asks for an MFA code when needed)',
    )
    .argument('<account>', 'account name from config.toml, or a unique part of it')
    .argument('<role>', 'role name, e.g. DeveloperAccess, or a shortcut: r ReadOnlyAccess, w PowerUserAccess')
    .option(
      '-t, --token-code <code>',
      'the 6-digit MFA code (else mfaProcess, a prompt, or one line on stdin)',
    )
    .option(
      '--export',
      'print shell lines that set AWS_PROFILE, for eval "$(awst assume ...)" (the default when stdout is not a terminal)',
    )
    .option(
      '--export-credentials',
      'print shell lines that set the credentials themselves (secrets on stdout)',
    )
    .option('--export-file <path>', 'write the --export lines to this file (mode 0600) instead of stdout')
    .option(
      '--reuse-credentials <minutes>',
      'reuse cached credentials only if valid at least this long (default: reuseCredentialsIfValidForMinutes)',
    )
    // awstools: --export-profile (-p) chose AWS_PROFILE over the keys; awst's --export always does.
    .addOption(new Option('-p, --export-profile').hideHelp())
    .addOption(new Option('--export-token').hideHelp())
    .addOption(
      new Option('--shell <shell>', 'shell syntax for --export (default: from $SHELL)').choices([
        'bash',
        'zsh',
        'fish',
        'powershell',
        'pwsh',
      ]),
    )
    .option('-f, --force', 'get new role credentials even when the cached ones are still valid')
    .action(async (account: string, role: string, options) => {
      const { assumeCommand } = await import('./commands/assume.js');
      await assumeCommand(account, role, assumeOptions(options), global());
    });

  program
    .command('init')
    .description(
      "Write config.toml (to --config, $AWST_CONFIG or ~/.config/awst/config.toml) from your access key and one MFA code (the team's configuration the baseline publishes), from a deployed stack, or from awstools; an existing file is merged after asking",
    )
    .option(
      '-t, --token-code <code>',
      'the 6-digit MFA code (else mfaProcess, a prompt, or one line on stdin)',
    )
    .option(
      '--region <region>',
      "region of the team's published configuration (default: the key profile's region in ~/.aws/config, else defaultRegion)",
    )
    .option('--merge', 'add what the existing config.toml lacks without asking (nothing of it changes)')
    .option('--force', 'replace an existing config.toml')
    .addOption(
      new Option(
        '--from-stack <dir>',
        'take the config from the outputs of a deployed Terraform stack folder (runs terraform output -json there); - reads that JSON from stdin',
      ).conflicts('importAwstools'),
    )
    .option('--import-awstools', 'copy ~/.config/awstools/config.toml (checked first) to the awst location')
    .action(async (options) => {
      const { initCommand } = await import('./commands/init.js');
      await initCommand(options, global());
    });

  program
    .command('accounts')
    .description('List the accounts in config.toml')
    .option('--names', 'print the names only (for completion scripts)')
    .option('--roles', 'print the role names config.toml knows (for completion scripts)')
    .action(async (options) => {
      const { accountsCommand } = await import('./commands/accounts.js');
      await accountsCommand(options, global());
    });

  program
    .command('run')
    .description('Run a command with role credentials: awst run [<account> <role>] -- <command> [args...]')
    .argument('[account]', 'account name (default: from AWS_PROFILE, else defaultAccount in config.toml)')
    .argument('[role]', 'role name (default: from AWS_PROFILE, else defaultRole in config.toml)')
    .option('-t, --token-code <code>', 'the 6-digit MFA code, if one is needed')
    .option(
      '--server',
      'serve renewing credentials to the command from a loopback endpoint (for commands that outlive one role session)',
    )
    // Without --, `awst run A R terraform apply -auto-approve` reaches the action, which shows where -- goes.
    .allowExcessArguments()
    .allowUnknownOption()
    .action(async (_account: string | undefined, _role: string | undefined, options, command: Command) => {
      const [{ runCommand }, { parseRunArguments }] = await Promise.all([
        import('./commands/run.js'),
        import('./run/arguments.js'),
      ]);
      setExitCode(await runCommand(parseRunArguments(command.args, childArgs), options, global()));
    });

  program
    .command('credential-process')
    .description(
      'Print role credentials as credential_process JSON (for credential_process in ~/.aws/config)',
    )
    .argument('[account]', 'account name (default: from AWS_PROFILE, else defaultAccount)')
    .argument('[role]', 'role name')
    .option('-t, --token-code <code>', 'the 6-digit MFA code, if one is needed')
    .action(async (account: string | undefined, role: string | undefined, options) => {
      const { credentialProcessCommand } = await import('./commands/credential-process.js');
      await credentialProcessCommand(account, role, options, global());
    });

  program
    .command('rotate-keys')
    .description('Replace your access key with a new one, never leaving you without a working key')
    .option('-t, --token-code <code>', 'the 6-digit MFA code, if one is needed')
    .option('--dry-run', 'say what would happen, change nothing')
    .option('--delete-inactive', 'delete a second, inactive key that is not in the credentials file')
    .option('--delete-key <id>', 'delete this second key (even if active) before rotating')
    .option('--wait <seconds>', 'how long to wait for AWS to accept the new key (default 90)')
    .action(async (options) => {
      const { rotateKeysCommand } = await import('./commands/rotate-keys.js');
      await rotateKeysCommand(options, global());
    });

  program
    .command('status')
    .description('Show the profiles awst manages, the MFA session, and the age of your access key')
    .option('--offline', 'do not ask IAM for the key age')
    .action(async (options) => {
      const { statusCommand } = await import('./commands/status.js');
      await statusCommand(options, global());
    });

  program
    .command('logout')
    .description(
      "Remove awst's role sessions and MFA session from the AWS files (all, one account's, or one role's); keeps your access key",
    )
    .argument('[account]', 'only this account (name from config.toml, or a unique part of it)')
    .argument('[role]', 'only this role of the account')
    .option('--all', 'also the sessions awst wrote for roles or accounts config.toml no longer names')
    .action(async (account: string | undefined, role: string | undefined, options) => {
      const { logoutCommand } = await import('./commands/logout.js');
      await logoutCommand(account, role, options, global());
    });

  program
    .command('console')
    .description('Print a console sign-in URL for a role session (valid 15 minutes), or open it')
    .argument('<account>', 'account name from config.toml, or a unique part of it')
    .argument('<role>', 'role name')
    .option('-t, --token-code <code>', 'the 6-digit MFA code, if one is needed')
    .option('--open', 'open the URL in the default browser instead of printing it')
    .action(async (account: string, role: string, options) => {
      const { consoleCommand } = await import('./commands/console.js');
      await consoleCommand(account, role, options, global());
    });

  program
    .command('completion')
    .description('Print a shell completion script: source <(awst completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionScript } = await import('./shell/completion.js');
      process.stdout.write(completionScript(shell));
    });

  program
    .command('shell-init')
    .description(
      'Print the shell functions aws_assume and aws_unassume with tab completion, for your shell\'s rc file: eval "$(awst shell-init bash)"',
    )
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { shellInitScript } = await import('./shell/shell-init.js');
      process.stdout.write(shellInitScript(shell));
    });

  return program;
}

/** awstools' assume options in awst's terms; refuses combinations that would silently do one of two things. */
function assumeOptions(options: Record<string, unknown>) {
  if (options.exportToken) {
    throw new UsageError(
      "--export-token is awstools' option: use --export-credentials for the keys themselves, or --export for AWS_PROFILE only.",
    );
  }
  const profileLines = options.export || options.exportProfile || options.exportFile !== undefined;
  if (options.exportCredentials && profileLines) {
    throw new UsageError(
      '--export prints AWS_PROFILE (no secrets) and --export-credentials prints the keys themselves: use one of them.',
    );
  }
  let reuseMinutes: number | undefined;
  if (options.reuseCredentials !== undefined) {
    reuseMinutes = Number(options.reuseCredentials);
    const { min, max } = MINUTES.reuseCredentials;
    if (
      !/^\d+$/.test(String(options.reuseCredentials)) ||
      !minutesWithin(MINUTES.reuseCredentials, reuseMinutes)
    ) {
      throw new UsageError(
        `--reuse-credentials takes a whole number of minutes from ${min} to ${max}, e.g. 30.`,
      );
    }
  }
  return {
    tokenCode: options.tokenCode as string | undefined,
    export: Boolean(options.export || options.exportProfile),
    exportCredentials: options.exportCredentials as boolean | undefined,
    exportFile: options.exportFile as string | undefined,
    shell: options.shell as string | undefined,
    force: options.force as boolean | undefined,
    reuseMinutes,
  };
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    )
      return 0;
    return 2;
  }
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof AwstError) {
    process.stderr.write(`awst: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `awst: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`,
  );
  return 1;
}
