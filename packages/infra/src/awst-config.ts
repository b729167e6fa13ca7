import { renderConfigToml, tomlString } from '@awst/rules';
import { Fn } from 'cdktf';
import type { AwstConfigSettings, Settings } from './settings/types.js';

export interface ConfigAccount {
  name: string;
  /** Account id, literal or token. */
  id: string;
  /** Written as `{ id = "…", region = "…" }` when set and different from the default region. */
  region?: string;
}

/**
 * Stands for an account id until the template is made. The renderer escapes a NUL in any other value, so
 * its quoted form in the text marks account ids only.
 */
const ID = '\u0000';

/** What the CLI must know about an MFA role: `[roles.<name>]`. */
export interface ConfigRole {
  name: string;
  mode?: 'session' | 'direct';
  durationMinutes: number;
  mfaMaxAgeMinutes: number;
}

/** What awst_config holds besides the accounts. */
export interface AwstConfigContent {
  defaultRegion: string;
  /** The MFA age self-service (key rotation) needs: `selfServiceMfaMaxAgeMinutes`. */
  selfServiceMfaMaxAgeMinutes: number;
  roles: ConfigRole[];
}

/**
 * The config.toml text as a `format()` template: `%s` where each account id goes, in `ids` order (ids may be
 * Terraform tokens), every other `%` doubled.
 */
export function awstConfigTemplate(
  cfg: AwstConfigSettings,
  content: AwstConfigContent,
  accounts: ConfigAccount[],
): { template: string; ids: string[] } {
  const { defaultRegion } = content;
  const text = renderConfigToml({
    settings: [
      ['defaultRegion', defaultRegion],
      ['keyRotationIntervalMinutes', cfg.keyRotationIntervalMinutes],
      ['reuseCredentialsIfValidForMinutes', cfg.reuseCredentialsIfValidForMinutes],
      ['selfServiceMfaMaxAgeMinutes', content.selfServiceMfaMaxAgeMinutes],
    ],
    profiles: { mainAccount: cfg.mainAccountProfile, mainAccountMfaSession: cfg.mfaSessionProfile },
    accounts: accounts.map((account) => ({
      name: account.name,
      id: ID,
      region: account.region && account.region !== defaultRegion ? account.region : undefined,
    })),
    roles: content.roles,
  });
  const template = text.replace(/%/g, '%%').split(tomlString(ID)).join('"%s"');
  return { template, ids: accounts.map((a) => a.id) };
}

/**
 * The awst CLI `config.toml` (awstools-compatible): accounts, the roles' session lengths and MFA ages, and the
 * self-service MFA age, so the CLI never asks AWS for what the baseline denies. Account ids are substituted
 * with Terraform's `format()`, so tokens (e.g. `data.aws_caller_identity.account_id`) resolve at apply time.
 */
export function awstConfigToml(
  cfg: AwstConfigSettings,
  content: AwstConfigContent,
  accounts: ConfigAccount[],
): string {
  const { template, ids } = awstConfigTemplate(cfg, content, accounts);
  return Fn.format(Fn.rawString(template), ids);
}

/** The `[roles]` and self-service entries of awst_config, in minutes, from the settings (seconds). */
export function awstConfigContent(s: Settings, defaultRegion: string): AwstConfigContent {
  return {
    defaultRegion,
    selfServiceMfaMaxAgeMinutes: Math.floor(s.selfServiceMfaMaxAgeSeconds / 60),
    roles: [s.adminRole, s.developerRole].map((r) => ({
      name: r.name,
      ...(r.awstMode ? { mode: r.awstMode } : {}),
      durationMinutes: Math.floor(r.maxSessionDurationSeconds / 60),
      mfaMaxAgeMinutes: Math.floor(r.mfaMaxAgeSeconds / 60),
    })),
  };
}
