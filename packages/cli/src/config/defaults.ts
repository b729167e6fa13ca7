import type { RoleSettings } from './types.js';

/**
 * Defaults for keys a config.toml leaves out. awstools' own example file set the same region, a one-week
 * rotation and these profile names, so its files mean the same here. One default differs on purpose:
 * awstools reused role credentials only when valid for 120 more minutes, which its one-hour role sessions
 * never were (so it never reused them); awst reuses them while they are valid for 15 more minutes.
 */
export const DEFAULTS = {
  defaultRegion: 'eu-west-1',
  keyRotationIntervalMinutes: 10_080,
  reuseCredentialsIfValidForMinutes: 15,
  mainAccountProfile: 'main-account',
  mfaSessionProfile: 'main-account-mfa-session',
  mfaSessionDurationMinutes: 720,
  /** The baseline's key self-service (rotation) wants MFA younger than this; awst_config carries the real value. */
  selfServiceMfaMaxAgeMinutes: 240,
  profileNameTemplate: '{account} {role}',
} as const;

/** The baseline's roles (packages/infra): AdminAccess 1 h, DeveloperAccess 4 h, and the MFA age their trust policies accept. */
export const ROLE_DEFAULTS: Record<string, RoleSettings> = {
  AdminAccess: { mode: 'session', durationMinutes: 60, mfaMaxAgeMinutes: 60 },
  DeveloperAccess: { mode: 'session', durationMinutes: 240, mfaMaxAgeMinutes: 240 },
};

export const OTHER_ROLE_DEFAULTS: RoleSettings = {
  mode: 'session',
  durationMinutes: 60,
  mfaMaxAgeMinutes: 60,
};

/** awstools' role shortcuts (`awstools assume prod r`); `shortcut` in [roles.<name>] adds or replaces them. */
export const DEFAULT_ROLE_SHORTCUTS: Record<string, string> = {
  r: 'ReadOnlyAccess',
  w: 'PowerUserAccess',
};
