import { findAccount } from '../config/accounts.js';
import {
  CREDENTIAL_VARIABLES,
  credentialVariables,
  PROFILE_VARIABLES,
} from '../sessions/credential-variables.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
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
    process.stdout.write(exportScript(shell, credentialVariables(result), PROFILE_VARIABLES));
  } else if (shell) {
    process.stdout.write(
      exportScript(shell, { AWS_PROFILE: result.profile, AWS_REGION: result.region }, CREDENTIAL_VARIABLES),
    );
  }
}
