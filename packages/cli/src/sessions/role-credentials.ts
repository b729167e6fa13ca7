import { partitionOfArn, roleArnIn } from '../aws/partition.js';
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
import {
  grantedMinutes,
  MIN_REUSE_SPAN_MINUTES,
  ROLE_CHAINING_MAX_MINUTES,
  reuseWindowMinutes,
} from './refresh-window.js';
import { minutesLeft, ROLE_ARN_KEY, temporaryFromProfile, temporaryToProfile } from './stored-credentials.js';
import type { ChainContext, MfaSession } from './types.js';

/** AWS refuses a longer DurationSeconds for AssumeRole called with temporary credentials ("role chaining"). */
export const ROLE_CHAINING_MAX_SECONDS = ROLE_CHAINING_MAX_MINUTES * 60;

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

/** The role's ARN in the partition of the user's MFA device (aws, aws-cn, aws-us-gov). */
export function roleArn(account: Account, role: string, mfaSerial?: string): string {
  return roleArnIn(partitionOfArn(mfaSerial) ?? 'aws', account.id, role);
}

/** The pair's cached role credentials, however long they have left, when they were stored for this role. */
export function storedRoleCredentials(
  credentials: Map<string, ProfileValues>,
  profile: string,
  pair: { account: Account; role: string },
): { credentials: TemporaryCredentials; roleArn: string } | undefined {
  const values = credentials.get(profile);
  const roleArn = values?.[ROLE_ARN_KEY];
  const cached = temporaryFromProfile(values);
  if (!cached || !roleArn || !isArnOf(roleArn, pair)) return undefined;
  return { credentials: cached, roleArn };
}

/**
 * What `run --server` serves while a renewal runs: the pair's cached credentials (no lock, no AWS call)
 * and whether they are still inside the reuse window.
 */
export async function peekRoleCredentials(
  ctx: ChainContext,
  pair: { account: Account; role: string },
): Promise<{ credentials: TemporaryCredentials; reusable: boolean } | undefined> {
  const profile = profileName(ctx.config, pair.account.name, pair.role);
  const stored = storedRoleCredentials(await readCredentialsProfiles(ctx.paths), profile, pair);
  if (!stored) return undefined;
  const window = reuseWindowMinutes(ctx.config, roleSettings(ctx.config, pair.role));
  return {
    credentials: stored.credentials,
    reusable: minutesLeft(stored.credentials.expiration, ctx.now()) >= window,
  };
}

function isArnOf(arn: string, pair: { account: Account; role: string }): boolean {
  const match = /^arn:[\w-]+:iam::(\d{12}):role\/(.+)$/.exec(arn);
  return match?.[1] === pair.account.id && match[2] === pair.role;
}

/**
 * The credential chain: cached role credentials → cached MFA session → new MFA session (or, in `direct`
 * mode, the long-term key with an MFA code). Cache hits take no lock and make no AWS call; misses are
 * serialised by one lock so parallel callers share one prompt and one MFA session.
 */
export async function getRoleCredentials(
  chain: ChainContext,
  request: { account: Account; role: string; forceRefresh?: boolean },
): Promise<RoleCredentials> {
  const { account, role } = request;
  // Every prompt below knows the pair, so a command without a terminal can say what to run in one.
  const ctx: ChainContext = {
    ...chain,
    askMfaCode: (question) => chain.askMfaCode({ ...question, pair: { account: account.name, role } }),
  };
  const profile = profileName(ctx.config, account.name, role);
  const base = { profile, account, role, region: account.region ?? ctx.config.defaultRegion };
  const settings = roleSettings(ctx.config, role);
  const reuseMinutes = reuseWindowMinutes(ctx.config, settings);
  ctx.debug?.('reuse window', windowFields(ctx, role, settings, reuseMinutes));
  const fromCache = (profiles: Map<string, ProfileValues>, when: string) => {
    if (request.forceRefresh) {
      ctx.debug?.('cached role credentials not reused', { profile, reason: 'refresh asked for (--force)' });
      return undefined;
    }
    const stored = storedRoleCredentials(profiles, profile, request);
    const left = stored && minutesLeft(stored.credentials.expiration, ctx.now());
    if (!stored || left === undefined || left < reuseMinutes) {
      ctx.debug?.('cached role credentials not reused', {
        profile,
        reason: stored ? 'fewer minutes left than the reuse window' : 'none stored for this role',
        minutesLeft: left,
        reuseWindowMinutes: reuseMinutes,
        when,
      });
      return undefined;
    }
    ctx.debug?.('reusing cached role credentials', {
      profile,
      roleArn: stored.roleArn,
      minutesLeft: left,
      reuseWindowMinutes: reuseMinutes,
      when,
    });
    return { ...base, ...stored, source: 'cache' as const };
  };

  const stored = await readCredentialsProfiles(ctx.paths);
  const unfinished = unfinishedRotation(stored.get(ctx.config.mainAccountProfile), true);
  if (unfinished) ctx.note?.(`awst: ${unfinished}`);
  const hit = fromCache(stored, 'before the lock');
  if (hit) return hit;

  const { result, newSession } = await withLock(
    await chainLockPath(ctx),
    async () => {
      const profiles = await readProfiles(ctx.paths);
      // Another process may have renewed them while this one waited for the lock.
      const cached = fromCache(profiles.credentials, 'under the lock');
      if (cached) return { result: cached };
      // Before any code is asked for: these sections are about to receive temporary credentials.
      refuseLongTermOverwrite(ctx.paths.credentials, profiles.credentials, [
        profile,
        ctx.config.mfaSessionProfile,
      ]);
      const obtained = await obtainRoleCredentials(ctx, profiles, { account, role }, settings);
      await updateProfiles(
        ctx.paths,
        {
          credentials: {
            [profile]: temporaryToProfile(obtained.credentials, obtained.roleArn),
            ...(obtained.sessionProfile ? { [ctx.config.mfaSessionProfile]: obtained.sessionProfile } : {}),
          },
          config: { [profile]: { region: base.region } },
        },
        { warn: (line) => ctx.note?.(`awst: warning: ${line}`) },
      );
      return {
        result: {
          ...base,
          roleArn: obtained.roleArn,
          credentials: obtained.credentials,
          source: obtained.source,
        },
        newSession: obtained.newSession,
      };
    },
    { waitMs: CHAIN_LOCK_WAIT_MS },
  );
  if (result.source === 'mfa-session' || result.source === 'new-mfa-session') {
    if (settings.durationMinutes > grantedMinutes(settings)) ctx.noteOnce?.(chainingCapNote(role, settings));
  }
  // Outside the lock: the hook (key rotation) may itself need the chain.
  if (newSession) await ctx.afterNewMfaSession?.(newSession);
  return result;
}

/** Which reuse window applies to the role's cached credentials, and where it comes from. */
function windowFields(ctx: ChainContext, role: string, settings: RoleSettings, reuseMinutes: number) {
  const configured = ctx.config.reuseCredentialsIfValidForMinutes;
  const granted = grantedMinutes(settings);
  return {
    role,
    mode: settings.mode,
    grantedMinutes: granted,
    reuseWindowMinutes: reuseMinutes,
    from:
      reuseMinutes < configured
        ? `lowered from reuseCredentialsIfValidForMinutes=${configured}: the role lasts ${granted} min and each session is reused for at least ${MIN_REUSE_SPAN_MINUTES}`
        : 'reuseCredentialsIfValidForMinutes',
  };
}

function chainingCapNote(role: string, settings: RoleSettings): string {
  return `${role} is set to last ${settings.durationMinutes} minutes, but AWS ends role sessions assumed from an MFA session (session mode) after ${ROLE_CHAINING_MAX_MINUTES}. For the full length, set mode = "direct" in [roles.${role}] (each new session then asks for an MFA code).`;
}

/** Named after the real credentials file, so every path that reaches it shares the lock. */
export function chainLockPath(ctx: ChainContext): Promise<string> {
  return lockPathFor(ctx.paths.credentials, '.awst-chain.lock');
}

async function obtainRoleCredentials(
  ctx: ChainContext,
  profiles: AwsProfiles,
  pair: { account: Account; role: string },
  settings: RoleSettings,
): Promise<{
  roleArn: string;
  credentials: TemporaryCredentials;
  source: CredentialSource;
  sessionProfile?: Record<string, string>;
  newSession?: MfaSession;
}> {
  const key = requireMainKey(ctx, profiles);
  const sessionValues = profiles.credentials.get(ctx.config.mfaSessionProfile);
  const identity = await resolveIdentity(ctx, key, identityFromProfile(sessionValues));
  const api = () => ctx.api();
  const target = { roleArn: roleArn(pair.account, pair.role, identity.mfaSerial) };

  if (settings.mode === 'direct') {
    ctx.debug?.('AssumeRole with the access key and an MFA code', {
      roleArn: target.roleArn,
      mode: 'direct',
      durationMinutes: settings.durationMinutes,
    });
    const { value: credentials, serialNumber } = await withMfaCode(
      ctx,
      {
        serialNumber: identity.mfaSerial,
        replacement: () => replacementDevice(ctx, key, identity),
        why: 'direct mode: each new role session takes a code',
      },
      (tokenCode, serial) =>
        api().assumeRole(key, {
          roleArn: target.roleArn,
          roleSessionName: identity.userName,
          durationSeconds: settings.durationMinutes * 60,
          mfa: { serialNumber: serial, tokenCode },
        }),
    );
    return {
      roleArn: target.roleArn,
      credentials,
      source: 'direct',
      sessionProfile: identityToProfile({ ...identity, mfaSerial: serialNumber }),
    };
  }

  const durationSeconds = sessionModeDurationSeconds(settings);
  ctx.debug?.('AssumeRole from the MFA session', {
    roleArn: target.roleArn,
    mode: 'session',
    durationMinutes: durationSeconds / 60,
  });
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
    pair.role,
  );
  if (!newSession) return { roleArn: target.roleArn, credentials: value, source: 'mfa-session' };
  return {
    roleArn: target.roleArn,
    credentials: value,
    source: 'new-mfa-session',
    sessionProfile: mfaSessionToProfile(newSession),
    newSession,
  };
}

/** Role sessions assumed from an MFA session are capped at one hour by AWS; never ask for more. */
export function sessionModeDurationSeconds(settings: RoleSettings): number {
  return grantedMinutes({ ...settings, mode: 'session' }) * 60;
}
