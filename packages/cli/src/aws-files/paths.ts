import { join, resolve } from 'node:path';
import { homeDir } from '../config/home-dirs.js';

export interface AwsFilePaths {
  credentials: string;
  config: string;
}

/** The shared credentials and config files, honouring AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE as the AWS CLI does. */
export function awsFilePaths(env: NodeJS.ProcessEnv = process.env): AwsFilePaths {
  // The home folder is looked up only for a path that needs it.
  const home = () => homeDir(env);
  const expand = (path: string) => resolve(path.startsWith('~/') ? join(home(), path.slice(2)) : path);
  return {
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home(), '.aws', 'credentials')),
    config: expand(env.AWS_CONFIG_FILE || join(home(), '.aws', 'config')),
  };
}

/**
 * The config-file section awst creates for a profile. botocore splits `[profile a b]` like a shell and
 * ignores it, so a name with whitespace is written quoted: `[profile 'a b']`.
 */
export function configSectionName(profile: string): string {
  if (profile === 'default') return 'default';
  return /\s/.test(profile) ? `profile '${profile}'` : `profile ${profile}`;
}

/**
 * The unquoted twin of a quoted header, for Terraform: the Go SDK reads `[profile a b]` and not the quoted
 * form (botocore ignores the unquoted one, the JS SDK reads neither). Undefined when one header serves all.
 */
export function goConfigSectionName(profile: string): string | undefined {
  return /\s/.test(profile) ? `profile ${profile}` : undefined;
}

/**
 * The profile a config-file section belongs to, as botocore's build_profile_map decides: `default`, or a
 * section starting with "profile" that splits (like a shell) into exactly two words. Undefined for others.
 */
export function profileOfConfigSection(section: string): string | undefined {
  if (section === 'default') return 'default';
  if (!section.startsWith('profile')) return undefined;
  const words = shellWords(section);
  return words?.length === 2 ? words[1] : undefined;
}

/** Python's shlex.split (POSIX mode), or undefined where it raises (an unclosed quote, a trailing \\). */
function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (' \t\r\n'.includes(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      word = (word ?? '') + text[++i];
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let quoted = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
        quoted += text[i];
      }
      if (i >= text.length) return undefined;
      word = (word ?? '') + quoted;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
