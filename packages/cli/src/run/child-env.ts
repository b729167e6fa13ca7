import {
  CREDENTIAL_VARIABLES,
  credentialVariables,
  PROFILE_VARIABLES,
  regionVariables,
} from '../sessions/credential-variables.js';
import type { RoleCredentials } from '../sessions/role-credentials.js';
import { withUserFiles } from './server-files.js';

/** Marks a child of `awst run` so that a nested `awst run` can reuse its credentials. */
export const NESTED_PROFILE_VARIABLE = 'AWST_PROFILE';

/**
 * Variables that would compete with the credentials awst hands to the child: every SDK and the AWS CLI
 * prefer some of these over the ones we set, so all go. AWS_ENDPOINT_URL and the shared file locations stay.
 */
export const COMPETING_VARIABLES = [
  ...PROFILE_VARIABLES,
  ...CREDENTIAL_VARIABLES,
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_VAULT',
  NESTED_PROFILE_VARIABLE,
];

export interface CredentialServerAddress {
  uri: string;
  token: string;
  /** The shared-file locations the child sees instead of the user's (see server-files.ts). */
  files: Record<string, string>;
}

/**
 * The child's environment: the parent's, less competing credentials, plus the role's. With keys in the
 * environment every client uses them before any file; with a credential server the child also gets
 * shared files that cannot outrank it.
 */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  result: RoleCredentials,
  server?: CredentialServerAddress,
): NodeJS.ProcessEnv {
  // A copy: awst's own process.env must keep its files and keys (renewals, mfaProcess and nested reads use it).
  const env: NodeJS.ProcessEnv = { ...withUserFiles(parent) };
  for (const name of COMPETING_VARIABLES) delete env[name];
  env[NESTED_PROFILE_VARIABLE] = result.profile;
  if (server) {
    // No keys in the environment: SDKs would prefer them and never ask the server for fresh ones.
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = server.uri;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = server.token;
    return Object.assign(env, server.files, regionVariables(result));
  }
  return Object.assign(env, credentialVariables(result));
}

/** A nested run passes on the outer keys only while they stay valid this long; else it gets fresh ones. */
export const NESTED_REUSE_MINUTES = 5;

/**
 * Inside `awst run`, the environment already holds the role's credentials. A nested run for the same
 * profile (or naming none) passes them on unchanged instead of reading files or calling AWS — while
 * they are valid (`fresh`); expired keys from a long outer run are renewed through the chain.
 */
export function outerRun(env: NodeJS.ProcessEnv, now: Date): { profile: string; fresh: boolean } | undefined {
  const profile = env[NESTED_PROFILE_VARIABLE];
  if (!profile) return undefined;
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return { profile, fresh: true };
  if (!(env.AWS_ACCESS_KEY_ID && env.AWS_SESSION_TOKEN)) return undefined;
  const expiration = Date.parse(env.AWS_CREDENTIAL_EXPIRATION ?? '');
  const fresh = Number.isNaN(expiration) || expiration - now.getTime() >= NESTED_REUSE_MINUTES * 60_000;
  return { profile, fresh };
}
