import type { TemporaryCredentials } from '../aws/types.js';
import { AwsError } from '../errors.js';

export const DEFAULT_FEDERATION_ENDPOINT = 'https://signin.aws.amazon.com/federation';

/**
 * A console sign-in URL for role credentials, from the AWS federation endpoint (getSigninToken, then a
 * login URL). The URL signs in whoever opens it for 15 minutes: treat it as a secret.
 */
export async function consoleSigninUrl(
  credentials: TemporaryCredentials,
  options: { region: string; endpoint?: string; fetchImpl?: typeof fetch },
): Promise<string> {
  const endpoint = options.endpoint ?? DEFAULT_FEDERATION_ENDPOINT;
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const tokenUrl = `${endpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
  let signinToken: string | undefined;
  try {
    const response = await (options.fetchImpl ?? fetch)(tokenUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    signinToken = ((await response.json()) as { SigninToken?: string }).SigninToken;
  } catch (error) {
    throw new AwsError(
      `Could not get a console sign-in token from ${endpoint} (${error instanceof Error ? error.message : error}). Check your network connection.`,
      { cause: error },
    );
  }
  if (!signinToken)
    throw new AwsError(`${endpoint} returned no sign-in token. Try again with fresh credentials (--force).`);
  const destination = `https://console.aws.amazon.com/console/home?region=${encodeURIComponent(options.region)}`;
  return `${endpoint}?Action=login&Issuer=awst&Destination=${encodeURIComponent(destination)}&SigninToken=${encodeURIComponent(signinToken)}`;
}
