// What the account baseline (packages/infra) deploys unless its settings say otherwise, and so what the CLI
// assumes when config.toml leaves a key out. awstools' own example file used the same region, rotation
// interval and profile names, so its files mean the same in awst.

/** The baseline's MFA-protected roles: session length and the MFA age their trust policies accept. */
export const BASELINE_ROLES = {
  admin: { name: 'AdminAccess', durationMinutes: 60, mfaMaxAgeMinutes: 60 },
  developer: { name: 'DeveloperAccess', durationMinutes: 240, mfaMaxAgeMinutes: 240 },
} as const;

/** The MFA age the baseline's key self-service (rotation, device changes) wants. */
export const BASELINE_SELF_SERVICE_MFA_MAX_AGE_MINUTES = 240;

/** config.toml's settings that the baseline's awst_config output and `awst init` both write. */
export const CONFIG_DEFAULTS = {
  defaultRegion: 'eu-west-1',
  keyRotationIntervalMinutes: 10_080,
  reuseCredentialsIfValidForMinutes: 15,
  mainAccountProfile: 'main-account',
  mfaSessionProfile: 'main-account-mfa-session',
} as const;
