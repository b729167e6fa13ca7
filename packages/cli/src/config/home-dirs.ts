import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's home: $HOME, else what the system says (tests and sudo set HOME). */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
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
