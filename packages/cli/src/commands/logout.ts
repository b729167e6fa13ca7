import { awsFilePaths } from '../aws-files/paths.js';
import { findAccount } from '../config/accounts.js';
import { resolveRole } from '../config/roles.js';
import { UsageError } from '../errors.js';
import { withUserFiles } from '../run/server-files.js';
import { logout, logoutReport } from '../sessions/logout.js';
import { note } from '../terminal/messages.js';
import { type GlobalOptions, loadConfigWithWarnings } from './wiring.js';

/** `awst logout [account [role]] [--all]`: the work is in sessions/logout.ts. */
export async function logoutCommand(
  accountQuery: string | undefined,
  typedRole: string | undefined,
  options: { all?: boolean },
  global: GlobalOptions,
) {
  const config = await loadConfigWithWarnings(global);
  const account = accountQuery === undefined ? undefined : findAccount(config, accountQuery);
  // A role config.toml does not know is still one awst may have written (a typo): no warning here.
  const role = typedRole === undefined ? undefined : resolveRole(config, typedRole).role;
  if (role !== undefined && options.all) {
    throw new UsageError(
      '--all covers every role; give it without a role (awst logout --all, or awst logout <account> --all).',
    );
  }
  // Inside `run --server` the AWS_* file variables are the child's; logout edits the user's files.
  const paths = awsFilePaths(withUserFiles(process.env));
  const scope = { account, role, all: options.all };
  const result = await logout(paths, config, scope);
  for (const line of logoutReport(result, config, scope, paths)) note(line);
}
