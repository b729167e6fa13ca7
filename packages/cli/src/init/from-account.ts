import { withLock } from '../aws-files/lock.js';
import { readProfiles, refuseLongTermOverwrite, updateProfiles } from '../aws-files/profile-store.js';
import { PUBLISHED_CONFIG_PARAMETER } from '../config/rules.js';
import { requireMainKey } from '../sessions/main-key.js';
import {
  identityFromProfile,
  mfaSessionFromProfile,
  mfaSessionToProfile,
  resolveIdentity,
  withMfaSession,
} from '../sessions/mfa-session.js';
import { chainLockPath } from '../sessions/role-credentials.js';
import type { ChainContext } from '../sessions/types.js';
import { defaultAnswers, renderConfig } from './render-config.js';

/** What the key and one MFA code tell about the account. */
export interface AccountFacts {
  /** From sts:GetCallerIdentity. */
  accountId: string;
  userName: string;
  /** From iam:ListMFADevices (remembered with the MFA session, as every awst command does). */
  mfaSerial: string;
  /** The team's config.toml as the baseline publishes it; undefined when the account holds none. */
  published?: string;
}

/**
 * Asks the account what `awst init` needs, with the long-term key in ctx.config.mainAccountProfile and one
 * MFA code: the account id, the MFA device and the published config (`ssm:GetParameter` in ctx's region,
 * which the baseline allows only with an MFA session). The MFA session is cached where awst's commands look
 * for it, so the first `awst assume` or `awst run` after init asks for no new code (each code works once).
 */
export async function readAccountFacts(
  ctx: ChainContext,
  parameterName: string = PUBLISHED_CONFIG_PARAMETER,
): Promise<AccountFacts> {
  // The chain's lock: a parallel awst command waits rather than make a second MFA session.
  return withLock(
    await chainLockPath(ctx),
    async () => {
      const profiles = await readProfiles(ctx.paths);
      const sessionProfile = ctx.config.mfaSessionProfile;
      refuseLongTermOverwrite(ctx.paths.credentials, profiles.credentials, [sessionProfile]);
      const key = requireMainKey(ctx, profiles);
      const api = ctx.api();
      const caller = await api.getCallerIdentity(key);
      const stored = profiles.credentials.get(sessionProfile);
      const identity = await resolveIdentity(ctx, key, identityFromProfile(stored));
      const {
        value: published,
        session,
        newSession,
      } = await withMfaSession(
        ctx,
        key,
        identity,
        mfaSessionFromProfile(stored),
        ctx.config.mfaSessionDurationMinutes,
        (s) => api.getParameter(s.credentials, parameterName),
      );
      if (newSession) {
        await updateProfiles(ctx.paths, {
          credentials: { [sessionProfile]: mfaSessionToProfile(newSession) },
        });
      }
      return {
        accountId: caller.account,
        userName: session.identity.userName,
        mfaSerial: session.identity.mfaSerial,
        ...(published === undefined ? {} : { published }),
      };
    },
    { waitMs: 5 * 60_000 },
  );
}

/** config.toml for an account that publishes none: that account alone, under `name`, with awst's defaults. */
export function configForAccount(accountId: string, region: string, name = 'main-account'): string {
  const answers = defaultAnswers();
  answers.accounts = [{ name, id: accountId }];
  answers.defaultRegion = region;
  return renderConfig(answers, 'awst init from your access key');
}
