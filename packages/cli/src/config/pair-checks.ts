import { shortRoleProblem } from '../sessions/refresh-window.js';
import { expandTemplate } from './profile-name.js';
import { knownRoles, roleSettings } from './roles.js';
import type { AwstConfig } from './types.js';

type Fail = (table: string[], key: string, problem: string) => never;

/**
 * Checks on the (account, role) pairs as a whole, once the file parsed: every pair needs a profile of its
 * own (two pairs sharing one would hand one pair's cached credentials to the other), and every name typed
 * on the command line must read as a name, not an option.
 */
export function checkPairs(config: AwstConfig, fail: Fail): void {
  for (const account of config.accounts) {
    if (account.name.startsWith('-')) {
      fail(
        ['accounts'],
        account.name,
        `account "${account.name}" starts with "-", which the command line reads as an option. Rename the account.`,
      );
    }
  }
  for (const role of Object.keys(config.roles)) {
    if (role.startsWith('-')) {
      fail(['roles'], role, `role "${role}" starts with "-", which the command line reads as an option.`);
    }
  }
  for (const [shortcut, role] of Object.entries(config.roleShortcuts ?? {})) {
    if (shortcut.startsWith('-')) {
      fail(
        ['roles', role],
        'shortcut',
        `shortcut "${shortcut}" starts with "-", which the command line reads as an option. Choose another.`,
      );
    }
  }

  const owners = new Map<string, string>([
    [config.mainAccountProfile, 'the main key ([profiles] mainAccount)'],
    [config.mfaSessionProfile, 'the MFA session ([profiles] mainAccountMfaSession)'],
  ]);
  const roles = knownRoles(config);
  for (const account of config.accounts) {
    for (const role of roles) {
      const profile = expandTemplate(config.profileNameTemplate, account.name, role);
      const pair = `account "${account.name}" with role ${role}`;
      const other = owners.get(profile);
      if (other !== undefined) {
        fail(
          ['accounts'],
          account.name,
          `${other} and ${pair} both use the profile "${profile}" (profileNameTemplate = "${config.profileNameTemplate}"), so one would run as the other. Rename an account, or put a separator no name contains into profileNameTemplate.`,
        );
      }
      owners.set(profile, pair);
    }
  }
}

/** Roles whose configured length makes boto3 and the AWS CLI run awst before every request. */
export function roleLengthWarnings(
  config: AwstConfig,
  where: (table: string[], key: string) => string,
): string[] {
  return Object.keys(config.roles).flatMap((role) => {
    const problem = shortRoleProblem(role, roleSettings(config, role));
    return problem ? [`${where(['roles', role], 'durationMinutes')}: ${problem}`] : [];
  });
}
