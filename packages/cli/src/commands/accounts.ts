import { defaultConfigPath } from '../config/locate.js';
import { knownRoles } from '../config/roles.js';
import { UsageError } from '../errors.js';
import { type GlobalOptions, loadConfigWithWarnings } from './context.js';

/** `awst accounts`; --names and --roles feed the completion scripts, so they print nothing on stderr. */
export async function accountsCommand(options: { names?: boolean; roles?: boolean }, global: GlobalOptions) {
  const quiet = Boolean(options.names || options.roles);
  const config = await loadConfigWithWarnings(global, process.env, { quiet });
  if (options.roles)
    process.stdout.write(
      knownRoles(config)
        .map((r) => `${r}\n`)
        .join(''),
    );
  if (options.names) process.stdout.write(config.accounts.map((a) => `${a.name}\n`).join(''));
  if (quiet) return;
  if (!config.path) {
    throw new UsageError(
      `No config.toml found (looked for ${defaultConfigPath(process.env)} and awstools' ~/.config/awstools/config.toml). Run awst init to write one, or give --config <path>.`,
    );
  }
  if (config.accounts.length === 0) {
    throw new UsageError(
      `No accounts in ${config.path}. Add them under [accounts], e.g. main-account = "123456789012".`,
    );
  }
  const width = Math.max(...config.accounts.map((a) => a.name.length));
  for (const account of config.accounts) {
    const region = account.region ?? config.defaultRegion;
    process.stdout.write(`${account.name.padEnd(width)}  ${account.id}  ${region}\n`);
  }
}
