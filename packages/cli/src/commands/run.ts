import { profileName } from '../config/profile-name.js';
import type { RunArguments } from '../run/arguments.js';
import { childEnvironment, outerRunProfile } from '../run/child-env.js';
import { runChild } from '../run/child-process.js';
import { resolvePair } from '../run/resolve-pair.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
import { assumedLine } from '../terminal/role-line.js';
import { note } from '../terminal/status.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings, roleFor } from './context.js';

export interface RunOptions {
  tokenCode?: string;
  server?: boolean;
}

export async function runCommand(
  run: RunArguments,
  options: RunOptions,
  global: GlobalOptions,
): Promise<number> {
  const outer = outerRunProfile(process.env);
  if (outer && !run.pair) return runChild(run.command, run.args, process.env);

  const config = await loadConfigWithWarnings(global);
  const pair = run.pair && { account: run.pair.account, role: roleFor(config, run.pair.role) };
  const { account, role } = resolvePair(config, pair, outer ? {} : process.env);
  if (outer && outer === profileName(config, account.name, role))
    return runChild(run.command, run.args, process.env);

  const ctx = chainContext(config, { tokenCode: options.tokenCode });
  const result = await getRoleCredentials(ctx, { account, role });
  if (result.source !== 'cache') note(assumedLine(result, new Date()));
  if (outer) note(`Inside awst run for "${outer}": switching to "${result.profile}" for this command.`);
  if (!options.server) return runChild(run.command, run.args, childEnvironment(process.env, result));

  const { startCredentialServer } = await import('../run/credential-server.js');
  const chainForServer = chainContext(config, { promptOrder: 'terminal-first' });
  const server = await startCredentialServer(() => getRoleCredentials(chainForServer, { account, role }));
  try {
    return await runChild(run.command, run.args, childEnvironment(process.env, result, server.address));
  } finally {
    await server.close();
  }
}
