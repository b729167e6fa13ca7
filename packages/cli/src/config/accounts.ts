import { UsageError } from '../errors.js';
import { defaultConfigPath } from './locate.js';
import type { Account, AwstConfig } from './types.js';

/** An account by exact name, else by a unique part of a name (as awstools matched), else by its id. */
export function findAccount(config: Pick<AwstConfig, 'accounts' | 'path'>, query: string): Account {
  const { accounts } = config;
  if (accounts.length === 0) {
    if (config.path === undefined) {
      // The real location ($XDG_CONFIG_HOME included), as `awst accounts` and `awst status` name it.
      throw new UsageError(
        `No config.toml found (looked for ${defaultConfigPath(process.env)} and awstools' ~/.config/awstools/config.toml). Run awst init to write one, or give --config <path>.`,
      );
    }
    throw new UsageError(
      `No accounts are configured in ${config.path}. Run awst init, or add them under [accounts] there, e.g. main-account = "123456789012".`,
    );
  }
  const exact = accounts.find((a) => a.name === query) ?? accounts.find((a) => a.id === query);
  if (exact) return exact;
  const partial = accounts.filter((a) => a.name.includes(query));
  if (partial.length === 1) return partial[0]!;
  const names = (partial.length > 1 ? partial : accounts).map((a) => a.name).join(', ');
  throw new UsageError(
    partial.length > 1
      ? `"${query}" matches several accounts: ${names}. Give more of the name.`
      : `No account matches "${query}". Configured accounts: ${names}.`,
  );
}
