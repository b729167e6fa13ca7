import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/parse.js';
import { UsageError } from '../errors.js';

/** Where awstools 0.13 keeps its config (always under ~/.config, as locateConfig looks for it). */
export function awstoolsConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || homedir(), '.config', 'awstools', 'config.toml');
}

/**
 * The awstools config.toml, unchanged, once parseConfig accepts it, with its deprecation warnings
 * (e.g. defaultKmsKey) for the caller to show.
 */
export async function readAwstoolsConfig(
  env: NodeJS.ProcessEnv,
  target: string,
): Promise<{ path: string; text: string; warnings: string[] }> {
  const path = awstoolsConfigPath(env);
  if (resolve(path) === resolve(target)) {
    throw new UsageError(
      `${path} is both the awstools config and the awst config to write. Give another --config path or unset AWST_CONFIG.`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UsageError(
        `There is no awstools config at ${path} to import. Run awst init without --import-awstools to create a new config.`,
      );
    }
    throw new UsageError(`Cannot read ${path} (${code ?? String(error)}). Check its permissions.`, {
      cause: error,
    });
  }
  const config = parseConfig(text, path);
  return { path, text, warnings: config.warnings };
}
