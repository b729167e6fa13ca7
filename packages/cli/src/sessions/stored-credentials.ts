import type { AccessKey, TemporaryCredentials } from '../aws/types.js';
import type { ProfileValues } from '../aws-files/profile-store.js';

/**
 * How awst keeps credentials in the shared credentials file. The standard keys are what every AWS tool
 * reads; `awst_expiration` is ours (other tools ignore unknown keys), so reuse works across runs without
 * a separate cache file.
 */
export const EXPIRATION_KEY = 'awst_expiration';
/** The role the credentials of a role profile belong to: they are reused only for that role. */
export const ROLE_ARN_KEY = 'awst_role_arn';

export function temporaryToProfile(credentials: TemporaryCredentials, roleArn?: string): ProfileValues {
  return {
    aws_access_key_id: credentials.accessKeyId,
    aws_secret_access_key: credentials.secretAccessKey,
    aws_session_token: credentials.sessionToken,
    [EXPIRATION_KEY]: credentials.expiration.toISOString(),
    ...(roleArn ? { [ROLE_ARN_KEY]: roleArn } : {}),
  };
}

export function temporaryFromProfile(values: ProfileValues | undefined): TemporaryCredentials | undefined {
  const key = accessKeyFromProfile(values);
  const sessionToken = values?.aws_session_token;
  const expiration = parseDate(values?.[EXPIRATION_KEY]);
  if (!key || !sessionToken || !expiration) return undefined;
  return { ...key, sessionToken, expiration };
}

export function accessKeyFromProfile(values: ProfileValues | undefined): AccessKey | undefined {
  const accessKeyId = values?.aws_access_key_id;
  const secretAccessKey = values?.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey };
}

export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Minutes from `now` until `expiration` (negative when expired). */
export function minutesLeft(expiration: Date, now: Date): number {
  return (expiration.getTime() - now.getTime()) / 60_000;
}
