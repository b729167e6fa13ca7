import type { TemporaryCredentials } from '../aws/types.js';
import { lockPathFor, withLock } from '../aws-files/lock.js';
import {
  type AwsProfiles,
  type ProfileValues,
  readCredentialsProfiles,
  readProfiles,
  refuseLongTermOverwrite,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { profileName } from '../config/profile-name.js';
import { roleSettings } from '../config/roles.js';
import type { Account, RoleSettings } from '../config/types.js';
import { unfinishedRotation } from '../rotation/markers.js';
import { requireMainKey } from './main-key.js';
import {
  identityFromProfile,
  identityToProfile,
  mfaSessionFromProfile,
  mfaSessionToProfile,
  replacementDevice,
  resolveIdentity,
  withMfaCode,
  withMfaSession,
} from './mfa-session.js';
import { minutesLeft, temporaryFromProfile, temporaryToProfile } from './stored-credentials.js';
import type { ChainContext, MfaSession } from './types.js';

/** AWS refuses a longer DurationSeconds for AssumeRole called with temporary credentials ("role chaining"). */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

/** Waiters hold on while the first caller's user types a code. */
const CHAIN_LOCK_WAIT_MS = 5 * 60_000;

export type CredentialSource = 'cache' | 'mfa-session' | 'new-mfa-session' | 'direct';

export interface RoleCredentials {
  profile: string;
  account: Account;
  role: string;
  roleArn: string;
  region: string;
  credentials: TemporaryCredentials;
  source: CredentialSource;
}

export function roleArn(account: Account, role: string): string {
  return `arn:aws:iam::${account.id}:role/${role}`;
}

/** Cached role credentials for the pair when they stay valid for at least reuseCredentialsIfValidForMinutes. */
export function reusableRoleCredentials(
  credentials: Map<string, ProfileValues>,
  profile: string,
  reuseMinutes: number,
  now: Date,
): TemporaryCredentials | undefined {
  const cached = temporaryFromProfile(credentials.get(profile));
  return cached && minutesLeft(cached.expiration, now) >= reuseMinutes ? cached : undefined;
}

/**
 * The credential chain: cached role credentials → cached MFA session → new MFA session (or, in `direct`
 * mode, the long-term key with an MFA code). Cache hits take no lock and make no AWS call; misses are
 * serialised by one lock so parallel callers share one prompt and one MFA session.
 */
export async function getRoleCredentials(
  ctx: ChainContext,
  request: { account: Account; role: string; forceRefresh?: boolean },
): Promise<RoleCredentials> {
  const { account, role } = request;
  const profile = profileName(ctx.config, account.name, role);
  const base = {
    profile,
    account,
    role,
    roleArn: roleArn(account, role),
    region: account.region ?? ctx.config.defaultRegion,
  };
  const reuseMinutes = ctx.config.reuseCredentialsIfValidForMinutes;

  const stored = await readCredentialsProfiles(ctx.paths);
  const unfinished = unfinishedRotation(stored.get(ctx.config.mainAccountProfile), true);
  if (unfinished) ctx.note?.(`awst: ${unfinished}`);
  if (!request.forceRefresh) {
    const cached = reusableRoleCredentials(stored, profile, reuseMinutes, ctx.now());
    if (cached) return { ...base, credentials: cached, source: 'cache' };
  }

  const { result, newSession } = await withLock(
    await chainLockPath(ctx),
    async () => {
      const profiles = await readProfiles(ctx.paths);
      if (!request.forceRefresh) {
        const cached = reusableRoleCredentials(profiles.credentials, profile, reuseMinutes, ctx.now());
        if (cached) return { result: { ...base, credentials: cached, source: 'cache' as const } };
      }
      // Before any code is asked for: these sections are about to receive temporary credentials.
      refuseLongTermOverwrite(ctx.paths.credentials, profiles.credentials, [
        profile,
        ctx.config.mfaSessionProfile,
      ]);
      const obtained = await obtainRoleCredentials(ctx, profiles, base, roleSettings(ctx.config, role));
      await updateProfiles(ctx.paths, {
        credentials: {
          [profile]: temporaryToProfile(obtained.credentials),
          ...(obtained.sessionProfile ? { [ctx.config.mfaSessionProfile]: obtained.sessionProfile } : {}),
        },
        config: { [profile]: { region: base.region } },
      });
      return {
        result: { ...base, credentials: obtained.credentials, source: obtained.source },
        newSession: obtained.newSession,
      };
    },
    { waitMs: CHAIN_LOCK_WAIT_MS },
  );
  // Outside the lock: the hook (key rotation) may itself need the chain.
  if (newSession) await ctx.afterNewMfaSession?.(newSession);
  return result;
}

/** Named after the real credentials file, so every path that reaches it shares the lock. */
export function chainLockPath(ctx: ChainContext): Promise<string> {
  return lockPathFor(ctx.paths.credentials, '.awst-chain.lock');
}

async function obtainRoleCredentials(
  ctx: ChainContext,
  profiles: AwsProfiles,
  target: { roleArn: string },
  settings: RoleSettings,
): Promise<{
  credentials: TemporaryCredentials;
  source: CredentialSource;
  sessionProfile?: Record<string, string>;
  newSession?: MfaSession;
}> {
  const key = requireMainKey(ctx, profiles);
  const sessionValues = profiles.credentials.get(ctx.config.mfaSessionProfile);
  const identity = await resolveIdentity(ctx, key, identityFromProfile(sessionValues));
  const api = () => ctx.api();

  if (settings.mode === 'direct') {
    const { value: credentials, serialNumber } = await withMfaCode(
      ctx,
      { serialNumber: identity.mfaSerial, replacement: () => replacementDevice(ctx, key, identity) },
      (tokenCode, serial) =>
        api().assumeRole(key, {
          roleArn: target.roleArn,
          roleSessionName: identity.userName,
          durationSeconds: settings.durationMinutes * 60,
          mfa: { serialNumber: serial, tokenCode },
        }),
    );
    return {
      credentials,
      source: 'direct',
      sessionProfile: identityToProfile({ ...identity, mfaSerial: serialNumber }),
    };
  }

  const durationSeconds = sessionModeDurationSeconds(settings);
  const { value, newSession } = await withMfaSession(
    ctx,
    key,
    identity,
    mfaSessionFromProfile(sessionValues),
    settings.mfaMaxAgeMinutes,
    (session) =>
      api().assumeRole(session.credentials, {
        roleArn: target.roleArn,
        roleSessionName: identity.userName,
        durationSeconds,
      }),
  );
  if (!newSession) return { credentials: value, source: 'mfa-session' };
  return {
    credentials: value,
    source: 'new-mfa-session',
    sessionProfile: mfaSessionToProfile(newSession),
    newSession,
  };
}

/** Role sessions assumed from an MFA session are capped at one hour by AWS; never ask for more. */
export function sessionModeDurationSeconds(settings: RoleSettings): number {
  return Math.min(settings.durationMinutes * 60, ROLE_CHAINING_MAX_SECONDS);
}
