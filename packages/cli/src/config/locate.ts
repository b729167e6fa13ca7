import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { awstoolsConfigPath, configHome } from './home-dirs.js';

export interface ConfigLocation {
  /** Absolute path, or undefined when no config file exists anywhere. */
  path: string | undefined;
  /** True when the user named the file (--config or AWST_CONFIG): then it must exist. */
  explicit: boolean;
}

/** --config, then AWST_CONFIG, then $XDG_CONFIG_HOME/awst/config.toml, then awstools' own file. */
export function locateConfig(explicitPath: string | undefined, env: NodeJS.ProcessEnv): ConfigLocation {
  if (explicitPath) return { path: resolve(explicitPath), explicit: true };
  if (env.AWST_CONFIG) return { path: resolve(env.AWST_CONFIG), explicit: true };
  const candidates = [defaultConfigPath(env), awstoolsConfigPath(env)];
  return { path: candidates.find((candidate) => existsSync(candidate)), explicit: false };
}

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return join(configHome(env), 'awst', 'config.toml');
}
