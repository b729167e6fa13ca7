import { findAccount } from '../config/accounts.js';
import { consoleSigninUrl } from '../console/signin-url.js';
import { UsageError } from '../errors.js';
import { getRoleCredentials } from '../sessions/role-credentials.js';
import { note } from '../terminal/status.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings } from './context.js';

export async function consoleCommand(
  accountQuery: string,
  role: string,
  options: { tokenCode?: string; open?: boolean },
  global: GlobalOptions,
) {
  const config = await loadConfigWithWarnings(global);
  const account = findAccount(config, accountQuery);
  const result = await getRoleCredentials(chainContext(config, { tokenCode: options.tokenCode }), {
    account,
    role,
  });
  const url = await consoleSigninUrl(result.credentials, {
    region: result.region,
    endpoint: process.env.AWST_FEDERATION_ENDPOINT,
  });
  if (!options.open) {
    process.stdout.write(`${url}\n`);
    return;
  }
  const { openInBrowser } = await import('../console/open-browser.js');
  try {
    await openInBrowser(url);
  } catch (error) {
    throw new UsageError(
      `Could not open a browser (${error instanceof Error ? error.message : error}). Run without --open and open the printed URL yourself.`,
    );
  }
  note(`Opened the console as ${role} in ${account.name}; the sign-in link works for 15 minutes.`);
}
