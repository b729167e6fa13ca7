import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { locateConfig } from './locate.js';
import { parseConfig } from './parse.js';
import type { AwstConfig } from './types.js';

export async function loadConfig(options: {
  explicitPath?: string;
  env: NodeJS.ProcessEnv;
}): Promise<AwstConfig> {
  const location = locateConfig(options.explicitPath, options.env);
  if (!location.path) return parseConfig('', undefined);
  let text: string;
  try {
    text = await readFile(location.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && location.explicit) {
      throw new ConfigError(
        `${location.path} does not exist. Check the --config option or AWST_CONFIG, or run: awst init`,
      );
    }
    throw new ConfigError(`Cannot read ${location.path} (${code ?? String(error)}). Check its permissions.`, {
      cause: error,
    });
  }
  return parseConfig(text, location.path);
}
