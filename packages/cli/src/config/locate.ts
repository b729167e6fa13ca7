import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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
  const home = env.HOME || homedir();
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const candidates = [join(xdg, 'awst', 'config.toml'), join(home, '.config', 'awstools', 'config.toml')];
  return { path: candidates.find((candidate) => existsSync(candidate)), explicit: false };
}

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'awst', 'config.toml');
}
