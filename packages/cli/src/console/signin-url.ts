import { PARTITIONS, type Partition } from '../aws/partition.js';
import type { TemporaryCredentials } from '../aws/types.js';
import { AwsError, UsageError } from '../errors.js';

export const DEFAULT_FEDERATION_ENDPOINT = PARTITIONS.aws.federationEndpoint;

/**
 * The federation endpoint: the one of the role's partition (signin.aws.amazon.com, signin.amazonaws.cn,
 * signin.amazonaws-us-gov.com), or AWST_FEDERATION_ENDPOINT (https only: it receives the role's keys).
 */
export function federationEndpoint(value: string | undefined, partition: Partition = 'aws'): string {
  if (!value) return PARTITIONS[partition].federationEndpoint;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `AWST_FEDERATION_ENDPOINT is not a URL. Unset it to use ${DEFAULT_FEDERATION_ENDPOINT}.`,
    );
  }
  if (url.protocol !== 'https:' || url.search || url.username || url.password) {
    throw new UsageError(
      `AWST_FEDERATION_ENDPOINT must be a plain https:// URL (it receives your role's keys). Unset it to use ${DEFAULT_FEDERATION_ENDPOINT}.`,
    );
  }
  return url.href;
}

/**
 * A console sign-in URL for role credentials, from the AWS federation endpoint (getSigninToken, then a
 * login URL). The role's keys go in a POST body, never in a URL that proxies or logs keep. The URL
 * returned signs in whoever opens it for 15 minutes: it is a secret, and no error message contains it.
 */
export async function consoleSigninUrl(
  credentials: TemporaryCredentials,
  options: { region: string; endpoint: string; partition?: Partition; fetchImpl?: typeof fetch },
): Promise<string> {
  const { endpoint } = options;
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  let signinToken: string | undefined;
  try {
    const response = await (options.fetchImpl ?? fetch)(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'getSigninToken', Session: session }).toString(),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    signinToken = ((await response.json()) as { SigninToken?: string }).SigninToken;
  } catch (error) {
    // Only the reason, never a request detail: the body holds the role's keys.
    const reason = error instanceof Error && /^HTTP \d+$/.test(error.message) ? error.message : 'no answer';
    throw new AwsError(
      `Could not get a console sign-in token from ${endpoint} (${reason}). Check your network connection.`,
    );
  }
  if (!signinToken)
    throw new AwsError(`${endpoint} returned no sign-in token. Try again with fresh credentials (--force).`);
  const home = PARTITIONS[options.partition ?? 'aws'].consoleHome;
  const destination = `${home}?region=${encodeURIComponent(options.region)}`;
  const login = new URL(endpoint);
  login.search = new URLSearchParams({
    Action: 'login',
    Issuer: 'awst',
    Destination: destination,
    SigninToken: signinToken,
  }).toString();
  return login.href;
}
