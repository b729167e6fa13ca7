import { PUBLISHED_CONFIG_PARAMETER, REGION } from '@awst/rules';
import { withLock } from '../aws-files/lock.js';
import type { AwsFilePaths } from '../aws-files/paths.js';
import { readProfiles, refuseLongTermOverwrite, updateProfiles } from '../aws-files/profile-store.js';
import type { AwstConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
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
import { checkPublishedConfig } from './stack-outputs.js';

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

/**
 * Where the published config is read: `explicit` (--region), else the key profile's region in the AWS config
 * file (aws configure asks for it), else config.toml's or awst's default region.
 */
export async function publishedConfigRegion(
  base: AwstConfig,
  paths: AwsFilePaths,
  explicit?: string,
): Promise<string> {
  if (explicit !== undefined) {
    if (!REGION.test(explicit))
      throw new UsageError(`--region ${explicit} is not a region code such as eu-west-1.`);
    return explicit;
  }
  const fromProfile = (await readProfiles(paths)).config.get(base.mainAccountProfile)?.region?.trim();
  return fromProfile && REGION.test(fromProfile) ? fromProfile : base.defaultRegion;
}

/**
 * config.toml text from what the account said: the published config as it is (held to the rules of a stack's
 * output), or, when the account publishes none, one for the caller's account alone. Says which on `note`.
 */
export function configFromFacts(facts: AccountFacts, region: string, note: (line: string) => void): string {
  const where = `${PUBLISHED_CONFIG_PARAMETER} in ${region}`;
  note(`Account ${facts.accountId}, IAM user ${facts.userName}, MFA device ${facts.mfaSerial}.`);
  if (facts.published === undefined) {
    note(
      `No team configuration is published at ${where} (the baseline puts it there). Writing account ${facts.accountId} with awst's defaults; pass --region if your team's baseline is elsewhere.`,
    );
    return configForAccount(facts.accountId, region);
  }
  const text = facts.published.endsWith('\n') ? facts.published : `${facts.published}\n`;
  const config = checkPublishedConfig(text, where);
  if (!config.accounts.some((a) => a.id === facts.accountId)) {
    note(
      `The configuration at ${where} lists no account ${facts.accountId} (yours); check it with your administrator.`,
    );
  }
  note(`Read the team's configuration from ${where}.`);
  return text;
}
