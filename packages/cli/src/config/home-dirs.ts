import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * The user's home: $HOME, else what the system says (tests and sudo set HOME). Asked only when a path
 * needs it: a user with no passwd entry (a container's --user 1234) and no HOME can still name every path.
 */
export function homeDir(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  try {
    return homedir();
  } catch {
    throw new UsageError(
      'HOME is not set and this user has no home folder in the system (no passwd entry). Set HOME, or name the files awst needs: AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and AWST_CONFIG (or XDG_CONFIG_HOME).',
    );
  }
}

/** $XDG_CONFIG_HOME, default ~/.config. */
export function configHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CONFIG_HOME || join(homeDir(env), '.config');
}

/** $XDG_CACHE_HOME, default ~/.cache. */
export function cacheHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CACHE_HOME || join(homeDir(env), '.cache');
}

/** Where awstools 0.13 keeps its config: always under ~/.config, whatever XDG_CONFIG_HOME says. */
export function awstoolsConfigPath(env: NodeJS.ProcessEnv): string {
  return join(homeDir(env), '.config', 'awstools', 'config.toml');
}
