import { spawn } from 'node:child_process';
import { apiRegion, partitionOfArn } from '../aws/partition.js';
import { createSdkApi } from '../aws/sdk-api.js';
import type { AwsApi } from '../aws/types.js';
import { awsFilePaths } from '../aws-files/paths.js';
import { loadConfig } from '../config/load.js';
import { resolveRole } from '../config/roles.js';
import type { AwstConfig } from '../config/types.js';
import { warningsToShow } from '../config/warned.js';
import { validateMfaCode } from '../mfa/validate.js';
import { withUserFiles } from '../run/server-files.js';
import type { ChainContext } from '../sessions/types.js';
import { debugLine } from '../terminal/debug.js';
import { note, warn } from '../terminal/messages.js';

export interface GlobalOptions {
  config?: string;
  debug?: boolean;
}

export interface ChainOptions {
  tokenCode?: string;
  /** credential-process owns no stdin/stdout of its own: ask on the terminal first. */
  promptOrder?: 'stdin-first' | 'terminal-first';
  /** Automatic key rotation in a process of its own: the caller waits for this command's output. */
  rotateInBackground?: boolean;
}

/** The config, with its deprecation warnings on stderr the first time they appear (see config/warned.ts). */
export async function loadConfigWithWarnings(
  global: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
  options: { quiet?: boolean } = {},
): Promise<AwstConfig> {
  const config = await loadConfig({ explicitPath: global.config, env });
  if (!options.quiet && config.warnings.length > 0) {
    const { warningsToShow } = await import('../config/warned.js');
    for (const warning of warningsToShow(config.path, config.warnings, env)) warn(warning);
  }
  return config;
}

/** The role a typed name means (r → ReadOnlyAccess, …), warning on stderr when config.toml does not know it. */
export function roleFor(config: AwstConfig, typed: string): string {
  const { role, warning } = resolveRole(config, typed);
  if (warning) warn(warning);
  return role;
}

/** Wires the credential chain to the real world: AWS through the SDK (loaded on first call), codes from the mfa module. */
export function chainContext(
  config: AwstConfig,
  options: ChainOptions,
  env: NodeJS.ProcessEnv = process.env,
): ChainContext {
  // A malformed code is refused before anything else, also when the cache makes it unnecessary.
  if (options.tokenCode !== undefined) validateMfaCode(options.tokenCode, 'given with --token-code');
  let api: AwsApi | undefined;
  // Inside `run --server` the AWS_* file variables are the child's; awst's own reads use the user's.
  const paths = awsFilePaths(withUserFiles(env));
  const ctx: ChainContext = {
    config,
    paths,
    api: () => {
      api ??= createSdkApi({
        region: apiRegion(config.defaultRegion, partitionOfArn(config.mfaSerial)),
        mainKey: {
          profile: config.mainAccountProfile,
          file: paths.credentials,
          unfinishedRotation: async () => {
            const { readCredentialsProfiles } = await import('../aws-files/profile-store.js');
            const { unfinishedRotation } = await import('../rotation/markers.js');
            return unfinishedRotation((await readCredentialsProfiles(paths)).get(config.mainAccountProfile));
          },
        },
        env,
      });
      return api;
    },
    askMfaCode: async ({ serialNumber, attempt, reason, pair }) => {
      const { getMfaCode } = await import('../mfa/code-source.js');
      const answer = await getMfaCode({
        tokenCode: options.tokenCode,
        mfaProcess: config.mfaProcess,
        message: `MFA code for ${serialNumber}${reason ? ` (${reason})` : ''}`,
        attempt,
        order: options.promptOrder ?? 'stdin-first',
        noTerminal:
          options.promptOrder === 'terminal-first' && pair ? renewInTerminal(pair, reason) : undefined,
      });
      return { code: answer.code, canRetry: answer.origin === 'terminal' };
    },
    now: () => new Date(),
    note,
    debug: debugLine,
    noteOnce: (line) => {
      for (const shown of warningsToShow(config.path, [line], env)) note(`awst: ${shown}`);
    },
  };
  ctx.afterNewMfaSession = async (session) => {
    const { autoRotation } = await import('../rotation/auto-rotate.js');
    const background = options.rotateInBackground ? () => rotateInBackground(config, env) : undefined;
    await autoRotation(ctx, { note, warn }, background)(session);
  };
  return ctx;
}

/**
 * credential_process (called by the AWS CLI, an IDE, Terraform) and `run --server` have no terminal to
 * ask on: what works is a code typed in a terminal, after which the cached session serves them too.
 */
function renewInTerminal(pair: { account: string; role: string }, reason: string | undefined): string {
  const arg = (text: string) => (/^[\w.@+=,-]+$/.test(text) ? text : `"${text}"`);
  return `A new MFA code is needed${reason ? ` (${reason})` : ''} and there is no terminal to ask on. Run in a terminal: awst assume ${arg(pair.account)} ${arg(pair.role)}; commands that are running pick up the new session by themselves.`;
}

/**
 * `awst rotate-keys` in a detached process with no terminal and no output: it uses the MFA session just
 * cached, and what it cannot finish the next command reports (an unfinished rotation is noted by all).
 */
async function rotateInBackground(config: AwstConfig, env: NodeJS.ProcessEnv): Promise<void> {
  const script = process.argv[1];
  if (!script) return;
  const args = [script, ...(config.path ? ['--config', config.path] : []), 'rotate-keys'];
  const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env });
  child.on('error', () => {});
  child.unref();
}
