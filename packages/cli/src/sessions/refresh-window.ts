import type { AwstConfig, RoleSettings } from '../config/types.js';

/**
 * When the clients ask again for credentials they were given (README "Refresh windows"):
 * - botocore (boto3, AWS CLI v1 and v2), for credential_process and the container endpoint alike: an
 *   advisory refresh when fewer than 15 minutes remain (a failure keeps the old credentials) and a
 *   mandatory one under 10 (a failure is an error). Under 15 minutes it calls the source before every
 *   request until it gets credentials with more left.
 * - SDK for JavaScript v3: 5 minutes before expiry.
 * - SDK for Go v2 (Terraform): the container endpoint 5 minutes before expiry, credential_process at expiry.
 */
export const CLIENT_REFRESH_MINUTES = { botocoreAdvisory: 15, botocoreMandatory: 10, jsSdk: 5, goSdk: 5 };

/** AWS's role chaining cap: AssumeRole from an MFA session (session mode) lasts at most an hour. */
export const ROLE_CHAINING_MAX_MINUTES = 60;

/** Every AssumeRole is reused for at least this long, so a short role does not cost one per call. */
export const MIN_REUSE_SPAN_MINUTES = 5;

/** How long the role's sessions last: what was asked for, capped in session mode. */
export function grantedMinutes(settings: RoleSettings): number {
  return settings.mode === 'session'
    ? Math.min(settings.durationMinutes, ROLE_CHAINING_MAX_MINUTES)
    : settings.durationMinutes;
}

/**
 * Cached role credentials are reused while at least this many minutes remain, and renewed below:
 * reuseCredentialsIfValidForMinutes, lowered for a role too short to leave MIN_REUSE_SPAN_MINUTES above it
 * (a 15-minute role: 10, botocore's mandatory window, so handed-out credentials never fall inside it).
 */
export function reuseWindowMinutes(
  config: Pick<AwstConfig, 'reuseCredentialsIfValidForMinutes'>,
  settings: RoleSettings,
): number {
  return Math.max(
    0,
    Math.min(config.reuseCredentialsIfValidForMinutes, grantedMinutes(settings) - MIN_REUSE_SPAN_MINUTES),
  );
}

/** Why a role's length works badly with botocore's window, for a warning at config load; else undefined. */
export function shortRoleProblem(role: string, settings: RoleSettings): string | undefined {
  const granted = grantedMinutes(settings);
  if (granted > CLIENT_REFRESH_MINUTES.botocoreAdvisory + MIN_REUSE_SPAN_MINUTES - 1) return undefined;
  const left = granted - CLIENT_REFRESH_MINUTES.botocoreAdvisory;
  const effect =
    left <= 0
      ? 'so boto3 and the AWS CLI run awst before every request'
      : `so boto3 and the AWS CLI run awst before every request after ${left} minute${left === 1 ? '' : 's'}`;
  return `${role} sessions last ${granted} minutes and botocore renews credentials with less than 15 minutes left, ${effect} (awst reuses the credentials, so no extra AssumeRole). Set durationMinutes = 30 or more in [roles.${role}] to avoid it.`;
}
