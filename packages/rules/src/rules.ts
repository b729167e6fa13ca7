// The rules for what config.toml may hold, in one place: the CLI's config/parse.ts enforces them, `awst init`
// asks for answers that meet them, and the infra package checks its generated awst_config against them.

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** An MFA device ARN: a virtual (mfa/) or hardware-key (u2f/) device of an IAM user. */
export const MFA_SERIAL = /^arn:aws[\w-]*:iam::\d{12}:(mfa|u2f)\/[\w+=,.@/-]+$/;

/** An AWS region id such as eu-west-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** IAM's own rule for role (and user) names. */
export const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

/** The names `awst init` gives accounts: no spaces, so they are typed without quotes. */
export const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The profile names `awst init` writes for the main key and the MFA session. */
export const PROFILE_NAME = /^[A-Za-z0-9][\w.@+=,-]*$/;

export interface MinuteRange {
  readonly min: number;
  readonly max: number;
}

/** Ranges, in whole minutes, of the durations config.toml holds. */
export const MINUTES = {
  /** `[roles.<name>] durationMinutes`: AWS's role session limit is 12 hours. */
  roleDuration: { min: 15, max: 720 },
  /** `[roles.<name>] mfaMaxAgeMinutes`: up to the longest MFA session. */
  roleMfaMaxAge: { min: 1, max: 2160 },
  /** `mfaSessionDurationMinutes`: GetSessionToken's limits for an IAM user (15 minutes to 36 hours). */
  mfaSessionDuration: { min: 15, max: 2160 },
  /** `selfServiceMfaMaxAgeMinutes`. */
  selfServiceMfaMaxAge: { min: 15, max: 2160 },
  /** `keyRotationIntervalMinutes`: 0 turns automatic rotation off. */
  keyRotationInterval: { min: 0, max: Number.MAX_SAFE_INTEGER },
  /** `reuseCredentialsIfValidForMinutes` and --reuse-credentials. */
  reuseCredentials: { min: 0, max: 720 },
} as const satisfies Record<string, MinuteRange>;

/** True for a whole number of minutes within `range`. */
export function minutesWithin(range: MinuteRange, minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= range.min && minutes <= range.max;
}

/**
 * The SSM parameter (String, in the baseline's region) where the infra baseline publishes awst_config, the
 * secret-free config.toml of the team; `awst init` reads it with an MFA session. (Not `/awst/…`: AWS reserves
 * names that begin with "aws" or "ssm".)
 */
export const PUBLISHED_CONFIG_PARAMETER = '/team/awst-config';
