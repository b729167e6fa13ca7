import { BASELINE_ROLES, BASELINE_SELF_SERVICE_MFA_MAX_AGE_MINUTES, CONFIG_DEFAULTS } from '@awst/rules';
import type { RoleSettings } from './types.js';

/**
 * Defaults for keys a config.toml leaves out: the account baseline's (@awst/rules), which are also
 * awstools'. One default differs from awstools on purpose: it reused role credentials only when valid for
 * 120 more minutes, which its one-hour role sessions never were (so it never reused them); awst reuses them
 * while they are valid for 15 more minutes.
 */
export const DEFAULTS = {
  ...CONFIG_DEFAULTS,
  mfaSessionDurationMinutes: 720,
  /** The baseline's key self-service (rotation) wants MFA younger than this; awst_config carries the real value. */
  selfServiceMfaMaxAgeMinutes: BASELINE_SELF_SERVICE_MFA_MAX_AGE_MINUTES,
  profileNameTemplate: '{account} {role}',
} as const;

/** The baseline's roles (packages/infra), as the infra package deploys them unless its settings differ. */
export const ROLE_DEFAULTS: Record<string, RoleSettings> = Object.fromEntries(
  Object.values(BASELINE_ROLES).map(({ name, durationMinutes, mfaMaxAgeMinutes }) => [
    name,
    { mode: 'session', durationMinutes, mfaMaxAgeMinutes },
  ]),
);

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
