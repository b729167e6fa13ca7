import type { Account, AwstConfig } from './types.js';

/** The profile an (account, role) pair is written to, e.g. "main-account DeveloperAccess". */
export function profileName(
  config: Pick<AwstConfig, 'profileNameTemplate'>,
  account: string,
  role: string,
): string {
  return config.profileNameTemplate.replaceAll('{account}', account).replaceAll('{role}', role);
}

/** The configured pair a profile name stands for, or undefined when it names none. */
export function parseProfileName(
  config: Pick<AwstConfig, 'profileNameTemplate' | 'accounts'>,
  name: string,
): { account: Account; role: string } | undefined {
  const pattern = config.profileNameTemplate
    .split(/(\{account\}|\{role\})/)
    .map((part) => {
      if (part === '{account}') return '(?<account>.+?)';
      if (part === '{role}') return '(?<role>[\\w+=,.@-]+)';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(name);
  if (!match?.groups?.account || !match.groups.role) return undefined;
  const account = config.accounts.find((a) => a.name === match.groups!.account);
  return account ? { account, role: match.groups.role } : undefined;
}
