import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import TOML from '@iarna/toml';
import { awstoolsConfigPath } from '../config/home-dirs.js';
import { respell, respellText } from '../config/key-spelling.js';
import { CONFIG_SHAPE, parseConfig } from '../config/parse.js';
import { UsageError } from '../errors.js';

/**
 * The awstools config.toml, once parseConfig accepts it, with awst's spelling of every key and without
 * awstools' deprecated keys (defaultKmsKey, autoRotateMainAccountKey); `notes` say what was renamed and
 * dropped. Every other line is kept as it was.
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
  const spelled = canonicalSpellings(text, path);
  const dropped = dropDeprecatedKeys(spelled.text);
  return { path, text: dropped.text, notes: [...spelled.notes, ...dropped.notes] };
}

/**
 * The text with awstools' spellings of keys (default_region, [Profiles]; see config/key-spelling.ts) replaced
 * by awst's. The result must read as the same config with no such spelling left; else nothing is guessed.
 */
export function canonicalSpellings(text: string, path: string): { text: string; notes: string[] } {
  const before = respell(TOML.parse(text.replace(/^\uFEFF/, '')), CONFIG_SHAPE);
  if (before.respellings.length === 0) return { text, notes: [] };
  const rewritten = respellText(text, CONFIG_SHAPE);
  let after: ReturnType<typeof respell> | undefined;
  try {
    after = respell(TOML.parse(rewritten.replace(/^\uFEFF/, '')), CONFIG_SHAPE);
  } catch {}
  if (!after || after.respellings.length > 0 || !isDeepStrictEqual(after.data, before.data)) {
    const names = before.respellings.map((r) => `${r.written} → ${r.canonical}`).join(', ');
    throw new UsageError(
      `awst could not rename the keys in ${path} safely (${names}). Rename them there by hand and run awst init --import-awstools again.`,
    );
  }
  return {
    text: rewritten,
    notes: before.respellings.map(
      ({ table, written, canonical }) =>
        `Renamed ${written} to ${canonical}${table.length ? ` in [${table.join('.')}]` : ''} (awstools' spelling).`,
    ),
  };
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
