import { writeFile } from 'node:fs/promises';
import { findAccount } from '../config/accounts.js';
import { UsageError } from '../errors.js';
import { exportCredentialsVariables, exportProfileVariables } from '../sessions/credential-variables.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
import { exportScript, resolveShell, type Shell } from '../shell/export.js';
import { assumedLine } from '../terminal/role-line.js';
import { note } from '../terminal/status.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings, roleFor } from './context.js';

export interface AssumeOptions {
  tokenCode?: string;
  export?: boolean;
  exportCredentials?: boolean;
  /** Write the --export lines here (mode 0600), as awstools' `--export FILE` did, instead of stdout. */
  exportFile?: string;
  shell?: string;
  force?: boolean;
  /** Overrides reuseCredentialsIfValidForMinutes for this call (awstools' --reuse-credentials). */
  reuseMinutes?: number;
}

export async function assumeCommand(
  accountQuery: string,
  typedRole: string,
  options: AssumeOptions,
  global: GlobalOptions,
  stdoutIsTerminal = Boolean(process.stdout.isTTY),
) {
  const loaded = await loadConfigWithWarnings(global);
  const config =
    options.reuseMinutes === undefined
      ? loaded
      : { ...loaded, reuseCredentialsIfValidForMinutes: options.reuseMinutes };
  const shell = exportShell(options, stdoutIsTerminal);
  const account = findAccount(config, accountQuery);
  const role = roleFor(config, typedRole);
  const result = await getRoleCredentials(chainContext(config, { tokenCode: options.tokenCode }), {
    account,
    role,
    forceRefresh: options.force,
  });
  note(assumedLine(result, new Date()));
  if (!shell) return;
  const { set, unset } = options.exportCredentials
    ? exportCredentialsVariables(result)
    : exportProfileVariables(result);
  const script = exportScript(shell, set, unset);
  if (options.exportFile === undefined) process.stdout.write(script);
  else await writeExportFile(options.exportFile, script);
}

/**
 * The shell to print lines for, or undefined for none. Asked for: --export, --export-credentials or
 * --export-file. Not asked for, but stdout is not a terminal: the AWS_PROFILE lines anyway, because
 * `eval "$(awstools assume …)"` is in people's fingers and would otherwise set nothing; a shell awst cannot
 * write for then gets a note instead of an error, as the profile itself was still written.
 */
function exportShell(options: AssumeOptions, stdoutIsTerminal: boolean): Shell | undefined {
  if (options.export || options.exportCredentials || options.exportFile !== undefined) {
    return resolveShell(options.shell, process.env);
  }
  if (stdoutIsTerminal) return undefined;
  try {
    return resolveShell(options.shell, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    note(`awst: not printing shell lines for eval: ${error.message}`);
    return undefined;
  }
}

async function writeExportFile(path: string, script: string): Promise<void> {
  try {
    await writeFile(path, script, { mode: 0o600 });
  } catch (error) {
    throw new UsageError(
      `Cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? error}). Give a writable path to --export-file.`,
      { cause: error },
    );
  }
}
