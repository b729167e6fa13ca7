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
 * The awstools config.toml, once parseConfig accepts it, without awstools' deprecated keys (defaultKmsKey,
 * autoRotateMainAccountKey); `notes` say what was dropped. Every other line is kept as it was.
 */
export async function readAwstoolsConfig(
  env: NodeJS.ProcessEnv,
  target: string,
): Promise<{ path: string; text: string; notes: string[] }> {
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
  parseConfig(text, path);
  return { path, ...dropDeprecatedKeys(text) };
}

/** Removes the top-level defaultKmsKey and autoRotateMainAccountKey lines (false becomes keyRotationIntervalMinutes = 0). */
export function dropDeprecatedKeys(text: string): { text: string; notes: string[] } {
  const lines = text.split('\n');
  const notes: string[] = [];
  const firstTable = lines.findIndex((line) => /^\s*\[/.test(line));
  const topLevel = firstTable === -1 ? lines.length : firstTable;
  const at = (key: string) =>
    lines.findIndex((line, i) => i < topLevel && new RegExp(`^\\s*["']?${key}["']?\\s*=`).test(line));
  const kms = at('defaultKmsKey');
  const rotate = at('autoRotateMainAccountKey');
  const interval = at('keyRotationIntervalMinutes');
  const drop = new Set<number>();
  if (kms !== -1) {
    drop.add(kms);
    notes.push('Left out defaultKmsKey: awst keeps no encrypted files, so it has no use for a KMS key.');
  }
  if (rotate !== -1) {
    if (/=\s*false\b/.test(lines[rotate]!)) {
      const eol = lines[rotate]!.endsWith('\r') ? '\r' : '';
      if (interval === -1) lines[rotate] = `keyRotationIntervalMinutes = 0${eol}`;
      else {
        drop.add(rotate);
        lines[interval] = `keyRotationIntervalMinutes = 0${eol}`;
      }
      notes.push(
        'Replaced autoRotateMainAccountKey = false with keyRotationIntervalMinutes = 0 (automatic rotation off).',
      );
    } else {
      drop.add(rotate);
      notes.push(
        'Left out autoRotateMainAccountKey: awst rotates your key when keyRotationIntervalMinutes says so (0 turns it off).',
      );
    }
  }
  return { text: lines.filter((_, i) => !drop.has(i)).join('\n'), notes };
}
