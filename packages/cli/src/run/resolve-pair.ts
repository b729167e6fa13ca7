import { findAccount } from '../config/accounts.js';
import { parseProfileName } from '../config/profile-name.js';
import type { Account, AwstConfig } from '../config/types.js';
import { UsageError } from '../errors.js';

/** `[account] [role]` as given: both, or neither; half a pair is refused rather than completed from elsewhere. */
export function givenPair(
  account: string | undefined,
  role: string | undefined,
  example: string,
): { account: string; role: string } | undefined {
  if (account && role) return { account, role };
  if (account === undefined && role === undefined) return undefined;
  throw new UsageError(`Give both <account> and <role>, or neither, e.g. ${example}`);
}

/** Which (account, role) `awst run`/`credential-process` means: arguments, else AWS_PROFILE, else the config's default pair. */
export function resolvePair(
  config: AwstConfig,
  explicit: { account: string; role: string } | undefined,
  env: NodeJS.ProcessEnv,
): { account: Account; role: string } {
  if (explicit) return { account: findAccount(config, explicit.account), role: explicit.role };
  const fromProfile = env.AWS_PROFILE ? parseProfileName(config, env.AWS_PROFILE) : undefined;
  if (fromProfile) return fromProfile;
  if (config.defaultAccount && config.defaultRole) {
    return { account: findAccount(config, config.defaultAccount), role: config.defaultRole };
  }
  const profileHint = env.AWS_PROFILE
    ? ` (AWS_PROFILE="${env.AWS_PROFILE}" names no configured account and role)`
    : '';
  throw new UsageError(
    `No role to use${profileHint}. Name one (awst run main-account AdminAccess -- <command>), set AWS_PROFILE="main-account AdminAccess", or set defaultAccount and defaultRole in config.toml.`,
  );
}
