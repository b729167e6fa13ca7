import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface AwsFilePaths {
  credentials: string;
  config: string;
}

/** The shared credentials and config files, honouring AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE as the AWS CLI does. */
export function awsFilePaths(env: NodeJS.ProcessEnv = process.env): AwsFilePaths {
  const home = env.HOME || homedir();
  const expand = (path: string) => resolve(path.startsWith('~/') ? join(home, path.slice(2)) : path);
  return {
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
    config: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
  };
}

/**
 * The config-file section of a profile. The AWS CLI splits `[profile a b]` like a shell and ignores it, so a
 * name with whitespace is written quoted: `[profile 'a b']`.
 */
export function configSectionName(profile: string): string {
  if (profile === 'default') return 'default';
  return /\s/.test(profile) ? `profile '${profile}'` : `profile ${profile}`;
}

/** The profile a config-file section belongs to, or undefined for other sections (sso-session, services…). */
export function profileOfConfigSection(section: string): string | undefined {
  if (section === 'default') return 'default';
  const match = /^profile\s+(.+)$/.exec(section);
  if (!match) return undefined;
  const name = match[1]!.trim();
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(name);
  return quoted ? (quoted[1] ?? quoted[2])! : name;
}
