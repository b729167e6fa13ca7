import type { TemporaryCredentials } from '../aws/types.js';
import { lockPathFor, withLock } from '../aws-files/lock.js';
import {
  type ProfileValues,
  readCredentialsProfiles,
  readProfiles,
  refuseLongTermOverwrite,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { profileName } from '../config/profile-name.js';
import { roleSettings } from '../config/roles.js';
import type { Account, RoleSettings } from '../config/types.js';
import type { RoleCredentials, RoleProvider } from './providers.js';
import { grantedMinutes, MIN_REUSE_SPAN_MINUTES, reuseWindowMinutes } from './refresh-window.js';
import { minutesLeft, ROLE_ARN_KEY, temporaryFromProfile, temporaryToProfile } from './stored-credentials.js';
import type { ChainContext, MfaSession } from './types.js';

/** Waiters hold on while the first caller's user types a code. */
const CHAIN_LOCK_WAIT_MS = 5 * 60_000;

export interface RoleRequest {
  account: Account;
  role: string;
  forceRefresh?: boolean;
}

/** Named after the real credentials file, so every path that reaches it shares the lock. */
export function chainLockPath(ctx: ChainContext): Promise<string> {
  return lockPathFor(ctx.paths.credentials, '.awst-chain.lock');
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

function isArnOf(arn: string, pair: { account: Account; role: string }): boolean {
  const match = /^arn:[\w-]+:iam::(\d{12}):role\/(.+)$/.exec(arn);
  return match?.[1] === pair.account.id && match[2] === pair.role;
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

/**
 * The cache provider: the pair's role credentials from the credentials file while they stay valid for the
 * reuse window, else from `inner`, stored for the next caller (with what the source remembers in the MFA
 * session profile). Cache hits take no lock and make no AWS call; misses are serialised by one lock so
 * parallel callers share one prompt and one MFA session. `inspect` sees the first read of the file.
 */
export function cachedRoleProvider(
  ctx: ChainContext,
  inner: RoleProvider,
  inspect?: (credentials: Map<string, ProfileValues>) => void,
): (request: RoleRequest) => Promise<{ result: RoleCredentials; newSession?: MfaSession }> {
  return async (request) => {
    const { account, role } = request;
    const profile = profileName(ctx.config, account.name, role);
    const base = { profile, account, role, region: account.region ?? ctx.config.defaultRegion };
    const settings = roleSettings(ctx.config, role);
    const reuseMinutes = reuseWindowMinutes(ctx.config, settings);
    ctx.debug?.('reuse window', windowFields(ctx, role, settings, reuseMinutes));
    const fromCache = (profiles: Map<string, ProfileValues>, when: string): RoleCredentials | undefined => {
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
      return { ...base, ...stored, source: 'cache' };
    };

    const stored = await readCredentialsProfiles(ctx.paths);
    inspect?.(stored);
    const hit = fromCache(stored, 'before the lock');
    if (hit) return { result: hit };

    return withLock(
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
        const obtained = await inner(profiles, { account, role });
        await updateProfiles(
          ctx.paths,
          {
            credentials: {
              [profile]: temporaryToProfile(obtained.credentials, obtained.roleArn),
              ...(obtained.sourceProfile ? { [ctx.config.mfaSessionProfile]: obtained.sourceProfile } : {}),
            },
            config: { [profile]: { region: base.region } },
          },
          { warn: (line) => ctx.note?.(`awst: warning: ${line}`) },
        );
        const result: RoleCredentials = {
          ...base,
          roleArn: obtained.roleArn,
          credentials: obtained.credentials,
          source: obtained.source,
        };
        return obtained.newSession ? { result, newSession: obtained.newSession } : { result };
      },
      { waitMs: CHAIN_LOCK_WAIT_MS },
    );
  };
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
