import type { AccessKey, TemporaryCredentials } from '../aws/types.js';
import type { AwsProfiles, ProfileValues } from '../aws-files/profile-store.js';
import type { Account } from '../config/types.js';
import type { Identity, MfaSession } from './types.js';

/**
 * The credential chain as providers that compose (as aws-vault's CachedSessionProvider wraps any session
 * provider, and the SDK for JavaScript injects roleAssumer and mfaCodeProvider into fromIni):
 *
 *   cachedRoleProvider (cache-provider.ts)        the credentials file: reuse windows, the chain lock, writes
 *     └ roleProvider (role-provider.ts)           AssumeRole, by the role's mode (session / direct)
 *         └ SourceIdentity (iam-user-source.ts)   who the user is and how they prove it (key + MFA)
 *
 * A second source of identity (IAM Identity Center, a key in the OS keystore) is another SourceIdentity.
 */

/** Who the user is to AWS and how they prove it with MFA: what every role session is assumed from. */
export interface SourceIdentity {
  /** The user's name (the role session name) and MFA device (its partition is the role ARN's). */
  readonly identity: Identity;
  /**
   * Runs `use` with credentials that carry MFA and are reusable for `mfaMaxAgeMinutes` (session mode):
   * a cached session, or a new one (returned with its profile values, so the cache stores it).
   */
  withMfaSession<T>(
    mfaMaxAgeMinutes: number,
    use: (credentials: TemporaryCredentials) => Promise<T>,
    purpose: string,
  ): Promise<{ value: T; newSession?: MfaSession; remember?: ProfileValues }>;
  /** Runs `call` with the long-term credentials and a fresh MFA code (direct mode). `remember`: what the
   * source keeps in the MFA session profile for next time (the device that took the code). */
  withMfaCode<T>(
    call: (credentials: AccessKey, mfa: { serialNumber: string; tokenCode: string }) => Promise<T>,
    why: string,
  ): Promise<{ value: T; remember: ProfileValues }>;
}

/** Builds the source from what the AWS files hold (read under the chain lock). */
export type SourceProvider = (profiles: AwsProfiles) => Promise<SourceIdentity>;

export type CredentialSource = 'cache' | 'mfa-session' | 'new-mfa-session' | 'direct';

/** What a provider below the cache obtained, and what the cache is to store besides the role's credentials. */
export interface ObtainedRole {
  roleArn: string;
  credentials: TemporaryCredentials;
  source: Exclude<CredentialSource, 'cache'>;
  /** Values for the MFA session profile: a new session, or the identity found on the way. */
  sourceProfile?: ProfileValues;
  newSession?: MfaSession;
}

/** Obtains the pair's role credentials from the AWS files as read under the chain lock; no cache. */
export type RoleProvider = (
  profiles: AwsProfiles,
  pair: { account: Account; role: string },
) => Promise<ObtainedRole>;

export interface RoleCredentials {
  profile: string;
  account: Account;
  role: string;
  roleArn: string;
  region: string;
  credentials: TemporaryCredentials;
  source: CredentialSource;
}
