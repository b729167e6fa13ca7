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
  // Without a home folder (and XDG_CONFIG_HOME) there is no default file to find, which is no error.
  for (const candidate of [defaultConfigPath, awstoolsConfigPath]) {
    let path: string;
    try {
      path = candidate(env);
    } catch {
      continue;
    }
    if (existsSync(path)) return { path, explicit: false };
  }
  return { path: undefined, explicit: false };
}

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return join(configHome(env), 'awst', 'config.toml');
}
