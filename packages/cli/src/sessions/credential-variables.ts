import type { RoleCredentials } from './role-credentials.js';

/** Variables that name a profile. */
export const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

/** Variables that carry keys: every SDK and the AWS CLI prefer them over a profile. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
];

/** The role's keys and region as environment variables (for `--export-credentials` and `awst run`). */
export function credentialVariables(result: RoleCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: result.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: result.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: result.credentials.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: result.credentials.expiration.toISOString(),
    ...regionVariables(result),
  };
}

export function regionVariables(result: RoleCredentials): Record<string, string> {
  return { AWS_REGION: result.region, AWS_DEFAULT_REGION: result.region };
}

/**
 * `assume --export`: the profile and both region variables (AWS CLI v1 and boto3 read only
 * AWS_DEFAULT_REGION); keys and AWS_DEFAULT_PROFILE, which botocore prefers to AWS_PROFILE, are unset.
 */
export function exportProfileVariables(result: RoleCredentials) {
  return {
    set: { AWS_PROFILE: result.profile, ...regionVariables(result) },
    unset: [...CREDENTIAL_VARIABLES, 'AWS_DEFAULT_PROFILE'],
  };
}

/**
 * `assume --export-credentials`: the keys and region; both profile variables and AWS_SECURITY_TOKEN
 * (botocore signs with it before AWS_SESSION_TOKEN) are unset.
 */
export function exportCredentialsVariables(result: RoleCredentials) {
  return { set: credentialVariables(result), unset: [...PROFILE_VARIABLES, 'AWS_SECURITY_TOKEN'] };
}
