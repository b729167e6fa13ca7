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
