import { partitionOfArn } from '../aws/partition.js';
import { findAccount } from '../config/accounts.js';
import { consoleSigninUrl, federationEndpoint } from '../console/signin-url.js';
import { UsageError } from '../errors.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
import { note } from '../terminal/messages.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings, roleFor } from './wiring.js';

export async function consoleCommand(
  accountQuery: string,
  typedRole: string,
  options: { tokenCode?: string; open?: boolean },
  global: GlobalOptions,
) {
  // A wrong AWST_FEDERATION_ENDPOINT is refused before any prompt.
  federationEndpoint(process.env.AWST_FEDERATION_ENDPOINT);
  const config = await loadConfigWithWarnings(global);
  const account = findAccount(config, accountQuery);
  const role = roleFor(config, typedRole);
  const result = await getRoleCredentials(chainContext(config, { tokenCode: options.tokenCode }), {
    account,
    role,
  });
  const partition = partitionOfArn(result.roleArn) ?? 'aws';
  const url = await consoleSigninUrl(result.credentials, {
    region: result.region,
    endpoint: federationEndpoint(process.env.AWST_FEDERATION_ENDPOINT, partition),
    partition,
  });
  if (!options.open) {
    process.stdout.write(`${url}\n`);
    return;
  }
  const { openInBrowser } = await import('../console/open-browser.js');
  try {
    await openInBrowser(url);
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    // Never the error's text: it could hold what was passed to the browser.
    const why = code === 'ENOENT' && path ? `${path} is not installed` : (code ?? 'failed');
    throw new UsageError(
      `Could not open a browser (${why}). Run the same command without --open: it prints the sign-in URL (a secret for 15 minutes) to open yourself.`,
    );
  }
  note(`Opened the console as ${role} in ${account.name}; the sign-in link works for 15 minutes.`);
}
