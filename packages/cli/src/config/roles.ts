import { OTHER_ROLE_DEFAULTS, ROLE_DEFAULTS } from './defaults.js';
import type { AwstConfig, RoleSettings } from './types.js';

/** A role's settings: what [roles.<name>] gives, over the defaults for that role. */
export function roleSettings(config: Pick<AwstConfig, 'roles'>, role: string): RoleSettings {
  return { ...(ROLE_DEFAULTS[role] ?? OTHER_ROLE_DEFAULTS), ...config.roles[role] };
}
