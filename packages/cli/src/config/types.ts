/** How a role's credentials are obtained; see README "Session length". */
export type RoleMode = 'session' | 'direct';

export interface RoleSettings {
  /** `session`: AssumeRole from the shared MFA session (AWS caps that at 60 min). `direct`: long-term key + MFA code. */
  mode: RoleMode;
  /** Requested role session length. In `session` mode never more than 60 is sent. */
  durationMinutes: number;
  /** Oldest MFA authentication the role's trust policy accepts (aws:MultiFactorAuthAge). */
  mfaMaxAgeMinutes: number;
}

export interface Account {
  name: string;
  /** 12-digit account id. */
  id: string;
  /** Region written to the profile; falls back to defaultRegion. */
  region?: string;
}

export interface AwstConfig {
  /** The file this came from (absolute), or undefined when no file exists and defaults are used. */
  path: string | undefined;
  defaultRegion: string;
  /** Rotate the main key when older than this; 0 disables. awstools default 10080 (one week). */
  keyRotationIntervalMinutes: number;
  reuseCredentialsIfValidForMinutes: number;
  /** [profiles] mainAccount: the credentials profile holding the long-term key. */
  mainAccountProfile: string;
  /** [profiles] mainAccountMfaSession: where the MFA session (GetSessionToken) is cached. */
  mfaSessionProfile: string;
  mfaSessionDurationMinutes: number;
  /** MFA age the account's key self-service accepts (aws:MultiFactorAuthAge); rotation renews older sessions. */
  selfServiceMfaMaxAgeMinutes: number;
  accounts: Account[];
  mfaSerial?: string;
  /** Shell command whose stdout is the MFA code. */
  mfaProcess?: string;
  /** e.g. "{account} {role}" */
  profileNameTemplate: string;
  /** Settings given in [roles.<name>]; use roleSettings() to get them with defaults applied. */
  roles: Record<string, Partial<RoleSettings>>;
  /** `shortcut` of each [roles.<name>]: shortcut → role name. Over DEFAULT_ROLE_SHORTCUTS (r, w). */
  roleShortcuts?: Record<string, string>;
  /** Pair used by `awst run` when neither arguments nor AWS_PROFILE name one. */
  defaultAccount?: string;
  defaultRole?: string;
  /** Deprecation notes for awstools keys, printed once to stderr by commands. */
  warnings: string[];
}
