import { UsageError } from '../errors.js';
import { escapeRegExp } from '../text/escape-regexp.js';
import { profileNameProblem, roleNameProblem } from './aws-file-values.js';
import type { Account, AwstConfig } from './types.js';

/**
 * The profile an (account, role) pair is written to, e.g. "main-account DeveloperAccess". The role may come
 * from the command line, so the name is checked here, before it can reach an AWS file.
 */
export function profileName(
  config: Pick<AwstConfig, 'profileNameTemplate'>,
  account: string,
  role: string,
): string {
  const name = expandTemplate(config.profileNameTemplate, account, role);
  const problem = roleNameProblem(role) ?? profileNameProblem(name);
  if (problem) throw new UsageError(`Cannot use role ${JSON.stringify(role)}: ${problem}.`);
  return name;
}

/**
 * The template with {account} and {role} replaced literally, in one pass: a replacement string would read
 * `$&`, `$$` and `` $` `` in a name as patterns, and an account named "{role}" must not be expanded again.
 */
export function expandTemplate(template: string, account: string, role: string): string {
  return template.replace(/\{account\}|\{role\}/g, (placeholder) =>
    placeholder === '{account}' ? account : role,
  );
}

/** The configured pair a profile name stands for, or undefined when it names none. */
export function parseProfileName(
  config: Pick<AwstConfig, 'profileNameTemplate' | 'accounts'>,
  name: string,
): { account: Account; role: string } | undefined {
  // Longest names first, so "other-account-AdminAccess" with "{account}-{role}" is not read as account "other".
  const accounts = [...config.accounts].sort((a, b) => b.name.length - a.name.length);
  for (const account of accounts) {
    const pattern = config.profileNameTemplate
      .split(/(\{account\}|\{role\})/)
      .map((part) => {
        if (part === '{account}') return escapeRegExp(account.name);
        if (part === '{role}') return '(?<role>[\\w+=,.@-]+)';
        return escapeRegExp(part);
      })
      .join('');
    const role = new RegExp(`^${pattern}$`).exec(name)?.groups?.role;
    if (role) return { account, role };
  }
  return undefined;
}
