import type { RoleSettings } from './types.js';

/** awstools 0.13's defaults, kept so its config files mean the same here. */
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

/** The seed's promise: AdminAccess 1 h, DeveloperAccess 4 h; the MFA age the baseline's trust policies accept. */
export const ROLE_DEFAULTS: Record<string, RoleSettings> = {
  AdminAccess: { mode: 'session', durationMinutes: 60, mfaMaxAgeMinutes: 60 },
  DeveloperAccess: { mode: 'session', durationMinutes: 240, mfaMaxAgeMinutes: 240 },
};

export const OTHER_ROLE_DEFAULTS: RoleSettings = {
  mode: 'session',
  durationMinutes: 60,
  mfaMaxAgeMinutes: 60,
};
