import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheHome } from './home-dirs.js';

/**
 * Deprecation warnings about a config file are shown once, then again only after the file changes (its
 * path, size or modification time) or the warnings do: completion runs `awst accounts --names` on every
 * Tab, and scripts run awst in loops. What was shown is remembered as hashes in
 * $XDG_CACHE_HOME/awst/config-warnings (default ~/.cache/awst): a cache, because losing it costs no more
 * than one repeated warning, and ~/.config stays the user's own.
 */
export function warningsToShow(
  path: string | undefined,
  warnings: string[],
  env: NodeJS.ProcessEnv,
): string[] {
  if (warnings.length === 0) return [];
  let file: string;
  try {
    file = stateFile(env);
  } catch {
    // No home folder for the cache: the warnings show every time, which is still correct.
    return warnings;
  }
  let version = '';
  try {
    const stat = statSync(path ?? '');
    version = `${stat.size} ${stat.mtimeMs}`;
  } catch {}
  const hash = createHash('sha256')
    .update(`${path ?? ''}\n${version}\n${warnings.join('\n')}`)
    .digest('hex');
  let seen: string[] = [];
  try {
    seen = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {}
  if (seen.includes(hash)) return [];
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${[...seen.slice(-19), hash].join('\n')}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only or full home: the warnings show every time, which is still correct.
  }
  return warnings;
}

function stateFile(env: NodeJS.ProcessEnv): string {
  return join(cacheHome(env), 'awst', 'config-warnings');
}
