import { profileName } from '../config/profile-name.js';
import { resolvePair } from '../config/resolve-pair.js';
import { roleSettings } from '../config/roles.js';
import { validateMfaCode } from '../mfa/validate.js';
import type { RunArguments } from '../run/arguments.js';
import { childEnvironment, outerRun } from '../run/child-env.js';
import { runChild } from '../run/child-process.js';
import { reuseWindowMinutes } from '../sessions/refresh-window.js';
import { getRoleCredentials, peekRoleCredentials } from '../sessions/role-credentials.js';
import { note } from '../terminal/messages.js';
import { assumedLine } from '../terminal/role-line.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings, roleFor } from './wiring.js';

export interface RunOptions {
  tokenCode?: string;
  server?: boolean;
}

export async function runCommand(
  run: RunArguments,
  options: RunOptions,
  global: GlobalOptions,
): Promise<number> {
  if (options.tokenCode !== undefined) validateMfaCode(options.tokenCode, 'given with --token-code');
  const outer = outerRun(process.env, new Date());
  if (outer?.fresh && !run.pair) return runChild(run.command, run.args, process.env);

  const config = await loadConfigWithWarnings(global);
  // Inside another run, AWS_PROFILE is gone and the outer pair is in AWST_PROFILE.
  const pair = run.pair && { account: run.pair.account, role: roleFor(config, run.pair.role) };
  const { account, role } = resolvePair(config, pair, outer ? { AWS_PROFILE: outer.profile } : process.env);
  const profile = profileName(config, account.name, role);
  if (outer?.fresh && outer.profile === profile) return runChild(run.command, run.args, process.env);

  // stdin belongs to the command: a code comes from --token-code, mfaProcess or the terminal only.
  const ctx = chainContext(config, {
    tokenCode: options.tokenCode,
    promptOrder: 'terminal-first',
    rotateInBackground: true,
  });
  const result = await getRoleCredentials(ctx, { account, role });
  if (result.source !== 'cache') note(assumedLine(result, new Date()));
  if (outer && outer.profile !== result.profile)
    note(`Inside awst run for "${outer.profile}": switching to "${result.profile}" for this command.`);
  if (!options.server) return runChild(run.command, run.args, childEnvironment(process.env, result));

  const [{ startCredentialServer }, { serverChildFiles }] = await Promise.all([
    import('../run/credential-server.js'),
    import('../run/server-files.js'),
  ]);
  const chainForServer = chainContext(config, { promptOrder: 'terminal-first', rotateInBackground: true });
  const files = await serverChildFiles(ctx.paths);
  try {
    const server = await startCredentialServer({
      initial: result.credentials,
      peek: () => peekRoleCredentials(chainForServer, { account, role }),
      renew: async () => (await getRoleCredentials(chainForServer, { account, role })).credentials,
      windowMinutes: reuseWindowMinutes(config, roleSettings(config, role)),
    });
    try {
      return await runChild(
        run.command,
        run.args,
        childEnvironment(process.env, result, { ...server.address, files: files.env }),
      );
    } finally {
      await server.close();
    }
  } finally {
    await files.remove();
  }
}
