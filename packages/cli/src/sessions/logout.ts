import type { AwsFilePaths } from '../aws-files/paths.js';
import {
  type AwsProfiles,
  holdsLongTermKey,
  type ProfileEdits,
  type ProfileValues,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { parseProfileName, profileName } from '../config/profile-name.js';
import { knownRoles } from '../config/roles.js';
import type { Account, AwstConfig } from '../config/types.js';
import { identityFromProfile } from './mfa-session.js';

/** What to log out of: everything (no account), one account's roles, or one role of one account. */
export interface LogoutScope {
  account?: Account;
  role?: string;
  /** Also the profiles awst wrote for roles or accounts config.toml no longer names, and old MFA sessions. */
  all?: boolean;
}

export interface LogoutResult {
  /** Role profiles whose credentials were removed. */
  roleProfiles: string[];
  /** MFA session profiles removed. */
  mfaSessions: string[];
  /** awst's role profiles in scope left alone because config.toml does not name their role or account. */
  leftStale: string[];
  /** The MFA session awst keeps when logging out of one account only (other accounts use it). */
  keptMfaSession?: string;
  /** ~/.aws/config profiles of removed roles kept because they hold settings awst did not write. */
  keptConfigProfiles: string[];
}

/** Credentials-file keys awst writes for a session; `awst_…` keys are awst's too. */
const SESSION_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
];
/** What awst writes into a role profile's ~/.aws/config section. */
const CONFIG_KEYS = new Set(['region']);

/**
 * Removes awst's role sessions and MFA session from the credentials file (and the role profiles' region
 * sections from the config file) under one lock, both files or neither. The main key and every profile awst
 * did not write stay byte for byte.
 */
export async function logout(
  paths: AwsFilePaths,
  config: AwstConfig,
  scope: LogoutScope,
): Promise<LogoutResult> {
  let result: LogoutResult | undefined;
  await updateProfiles(paths, (current) => {
    const plan = planLogout(config, current, scope);
    result = plan.result;
    return plan.edits;
  });
  return result!;
}

/** The edits `logout` makes and what it reports, from the files as read: no I/O. */
export function planLogout(
  config: AwstConfig,
  profiles: AwsProfiles,
  scope: LogoutScope,
): { edits: ProfileEdits; result: LogoutResult } {
  const result: LogoutResult = { roleProfiles: [], mfaSessions: [], leftStale: [], keptConfigProfiles: [] };
  const credentials: Record<string, ProfileValues | null> = {};
  const configEdits: Record<string, ProfileValues | null> = {};
  const exact = scope.account && scope.role ? profileName(config, scope.account.name, scope.role) : undefined;
  const known = new Set(knownRoles(config));

  for (const [name, values] of profiles.credentials) {
    if (name === config.mainAccountProfile || holdsLongTermKey(values) || !writtenByAwst(values)) continue;
    if (isMfaSession(config, name, values)) {
      if (scope.account) {
        if (name === config.mfaSessionProfile && values.aws_session_token) result.keptMfaSession = name;
        continue;
      }
      if (name !== config.mfaSessionProfile && !scope.all) continue;
      credentials[name] = withoutAwstKeys(values);
      result.mfaSessions.push(name);
      continue;
    }
    const pair = parseProfileName(config, name);
    if (exact !== undefined) {
      if (name !== exact) continue;
    } else {
      if (scope.account && pair?.account.name !== scope.account.name) continue;
      const configured = pair !== undefined && known.has(pair.role);
      if (!configured && !scope.all) {
        result.leftStale.push(name);
        continue;
      }
    }
    credentials[name] = withoutAwstKeys(values);
    result.roleProfiles.push(name);
    const section = profiles.config.get(name);
    if (section && Object.keys(section).some((key) => !CONFIG_KEYS.has(key))) {
      result.keptConfigProfiles.push(name);
    } else {
      configEdits[name] = null;
    }
  }
  return { edits: { credentials, config: configEdits }, result };
}

/** A section awst wrote: it holds one of awst's own keys (awst_expiration, awst_user_name, …). */
function writtenByAwst(values: ProfileValues): boolean {
  return Object.keys(values).some((key) => key.startsWith('awst_'));
}

function isMfaSession(config: AwstConfig, name: string, values: ProfileValues): boolean {
  return name === config.mfaSessionProfile || identityFromProfile(values) !== undefined;
}

/** null (remove the section) when nothing but awst's keys is in it, else awst's keys removed. */
function withoutAwstKeys(values: ProfileValues): ProfileValues | null {
  const ours = (key: string) => key.startsWith('awst_') || SESSION_KEYS.includes(key);
  const keys = Object.keys(values);
  if (keys.every(ours)) return null;
  return Object.fromEntries(keys.filter(ours).map((key) => [key, '']));
}

/** What `awst logout` says on stderr: what it removed, what it kept and why. No secrets. */
export function logoutReport(
  result: LogoutResult,
  config: AwstConfig,
  scope: LogoutScope,
  paths: AwsFilePaths,
): string[] {
  const list = (names: string[]) => names.map((name) => `[${name}]`).join(', ');
  const lines: string[] = [];
  const removed = result.roleProfiles.length + result.mfaSessions.length;
  if (removed === 0) {
    const what = scope.account
      ? `no role session of ${scope.account.name}${scope.role ? ` ${scope.role}` : ''}`
      : 'no role session or MFA session';
    lines.push(`Nothing to remove: ${paths.credentials} holds ${what} written by awst.`);
  }
  if (result.roleProfiles.length > 0) {
    lines.push(
      `Removed ${plural(result.roleProfiles.length, 'role session')}: ${list(result.roleProfiles)}.`,
    );
  }
  if (result.mfaSessions.length > 0) {
    lines.push(`Removed the MFA session ${list(result.mfaSessions)}: the next assume asks for an MFA code.`);
  }
  if (result.keptMfaSession) {
    lines.push(
      `Kept the MFA session [${result.keptMfaSession}], which other accounts use; awst logout without an account removes it.`,
    );
  }
  if (result.keptConfigProfiles.length > 0) {
    lines.push(
      `Kept ${list(result.keptConfigProfiles)} in ${paths.config}: it holds settings awst did not write.`,
    );
  }
  if (result.leftStale.length > 0) {
    lines.push(
      `Left ${plural(result.leftStale.length, 'role session')} awst wrote for roles or accounts config.toml does not name: ${list(result.leftStale)}; awst logout --all removes ${result.leftStale.length === 1 ? 'it' : 'them'} too.`,
    );
  }
  if (removed > 0) {
    lines.push(`Kept your access key [${config.mainAccountProfile}] and every profile awst did not write.`);
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}
