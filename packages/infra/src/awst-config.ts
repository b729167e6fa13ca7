import { Fn } from 'cdktf';
import type { AwstConfigSettings } from './settings.js';

export interface ConfigAccount {
  name: string;
  /** Account id, literal or token. */
  id: string;
  /** Written as `{ id = "…", region = "…" }` when set and different from the default region. */
  region?: string;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const tomlKey = (s: string) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : quote(s));

/**
 * The awst CLI `config.toml` (awstools-compatible) listing `accounts`. Account ids are substituted with
 * Terraform's `format()`, so tokens (e.g. `data.aws_caller_identity.account_id`) resolve at apply time.
 */
export function awstConfigToml(
  cfg: AwstConfigSettings,
  defaultRegion: string,
  accounts: ConfigAccount[],
): string {
  const lines = [
    `defaultRegion = ${quote(defaultRegion)}`,
    `keyRotationIntervalMinutes = ${cfg.keyRotationIntervalMinutes}`,
    `reuseCredentialsIfValidForMinutes = ${cfg.reuseCredentialsIfValidForMinutes}`,
    '',
    '[profiles]',
    `mainAccount = ${quote(cfg.mainAccountProfile)}`,
    `mainAccountMfaSession = ${quote(cfg.mfaSessionProfile)}`,
    '',
    '[accounts]',
  ];
  for (const account of accounts) {
    const key = tomlKey(account.name).replace(/%/g, '%%');
    if (account.region && account.region !== defaultRegion) {
      lines.push(`${key} = { id = "%s", region = ${quote(account.region).replace(/%/g, '%%')} }`);
    } else {
      lines.push(`${key} = "%s"`);
    }
  }
  return Fn.format(
    Fn.rawString(`${lines.join('\n')}\n`),
    accounts.map((a) => a.id),
  );
}
