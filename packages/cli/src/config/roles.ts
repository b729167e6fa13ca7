import { DEFAULT_ROLE_SHORTCUTS, OTHER_ROLE_DEFAULTS, ROLE_DEFAULTS } from './defaults.js';
import type { AwstConfig, RoleSettings } from './types.js';

/** A role's settings: what [roles.<name>] gives, over the defaults for that role. */
export function roleSettings(config: Pick<AwstConfig, 'roles'>, role: string): RoleSettings {
  return { ...(ROLE_DEFAULTS[role] ?? OTHER_ROLE_DEFAULTS), ...config.roles[role] };
}

/** The roles config.toml knows: the baseline's, and every [roles.<name>]. */
export function knownRoles(config: Pick<AwstConfig, 'roles'>): string[] {
  return [...new Set([...Object.keys(ROLE_DEFAULTS), ...Object.keys(config.roles)])];
}

/**
 * The role a typed name means: a role of that name if config.toml has one, else a shortcut's role (r, w,
 * or `shortcut` in [roles.<name>]), else the name itself. A role config.toml does not know gets a
 * warning naming those it does, since a typo would otherwise end in AWS's AccessDenied.
 */
export function resolveRole(
  config: Pick<AwstConfig, 'roles' | 'roleShortcuts'>,
  typed: string,
): { role: string; warning?: string } {
  const known = knownRoles(config);
  if (known.includes(typed)) return { role: typed };
  const role = { ...DEFAULT_ROLE_SHORTCUTS, ...config.roleShortcuts }[typed] ?? typed;
  if (known.includes(role)) return { role };
  const from = role === typed ? '' : ` (shortcut "${typed}")`;
  return {
    role,
    warning: `role "${role}"${from} is not in config.toml, which knows ${known.join(', ')}. Trying it anyway; if it is right, add [roles.${role}] to config.toml to silence this.`,
  };
}
