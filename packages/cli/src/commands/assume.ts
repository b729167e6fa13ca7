import { findAccount } from '../config/accounts.js';
import { getRoleCredentials, type RoleCredentials } from '../sessions/role-credentials.js';
import { exportScript, resolveShell } from '../shell/export.js';
import { assumedLine } from '../terminal/role-line.js';
import { note } from '../terminal/status.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings } from './context.js';

export interface AssumeOptions {
  tokenCode?: string;
  export?: boolean;
  exportCredentials?: boolean;
  shell?: string;
  force?: boolean;
}

/** Variables that would override AWS_PROFILE if left set in the shell. */
export const COMPETING_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
];

export async function assumeCommand(
  accountQuery: string,
  role: string,
  options: AssumeOptions,
  global: GlobalOptions,
) {
  const config = await loadConfigWithWarnings(global);
  const shell =
    options.export || options.exportCredentials ? resolveShell(options.shell, process.env) : undefined;
  const account = findAccount(config, accountQuery);
  const result = await getRoleCredentials(chainContext(config, { tokenCode: options.tokenCode }), {
    account,
    role,
    forceRefresh: options.force,
  });
  note(assumedLine(result, new Date()));
  if (shell && options.exportCredentials) {
    process.stdout.write(
      exportScript(shell, credentialVariables(result), ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']),
    );
  } else if (shell) {
    process.stdout.write(
      exportScript(
        shell,
        { AWS_PROFILE: result.profile, AWS_REGION: result.region },
        COMPETING_CREDENTIAL_VARIABLES,
      ),
    );
  }
}

export function credentialVariables(result: RoleCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: result.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: result.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: result.credentials.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: result.credentials.expiration.toISOString(),
    AWS_REGION: result.region,
    AWS_DEFAULT_REGION: result.region,
  };
}
