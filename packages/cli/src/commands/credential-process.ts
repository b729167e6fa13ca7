import { givenPair, resolvePair } from '../config/resolve-pair.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings, roleFor } from './wiring.js';

/**
 * The `credential_process` protocol: one JSON object on stdout. stdout and stdin belong to the calling
 * SDK, so a code is asked for on the terminal (/dev/tty) first.
 */
export async function credentialProcessCommand(
  account: string | undefined,
  role: string | undefined,
  options: { tokenCode?: string },
  global: GlobalOptions,
) {
  const given = givenPair(account, role, 'awst credential-process main-account DeveloperAccess');
  const config = await loadConfigWithWarnings(global);
  const pair = resolvePair(
    config,
    given && { account: given.account, role: roleFor(config, given.role) },
    process.env,
  );
  const result = await getRoleCredentials(
    chainContext(config, {
      tokenCode: options.tokenCode,
      promptOrder: 'terminal-first',
      rotateInBackground: true,
    }),
    pair,
  );
  process.stdout.write(
    `${JSON.stringify({
      Version: 1,
      AccessKeyId: result.credentials.accessKeyId,
      SecretAccessKey: result.credentials.secretAccessKey,
      SessionToken: result.credentials.sessionToken,
      Expiration: result.credentials.expiration.toISOString(),
    })}\n`,
  );
}
