import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AccessKey } from '../aws/types.js';
import { processExists } from '../runtime/process-exists.js';
import { escapeRegExp } from '../text/escape-regexp.js';
import { readRegularFile, resolveTarget } from './atomic-write.js';
import { IniDocument } from './ini-document.js';
import type { AwsFilePaths } from './paths.js';

/**
 * Temporary files a killed writer left beside the AWS files: ours (`.credentials.awst-<pid>-<hex>.tmp`)
 * and those of awst versions that used write-file-atomic (`credentials.<number>`). Each is a full copy of
 * the file, secrets included.
 */
export interface Leftover {
  path: string;
  /** Long-term keys (with secret) the leftover holds and the real file does not. */
  keys: (AccessKey & { profile: string })[];
}

function leftoverPattern(base: string): RegExp {
  const name = escapeRegExp(base);
  return new RegExp(`^(?:\\.${name}\\.awst-(\\d+)-[0-9a-f]+\\.tmp|${name}\\.\\d+)$`);
}

/** Leftovers of the credentials and config files whose writer is no longer running. */
export async function findLeftovers(paths: AwsFilePaths): Promise<Leftover[]> {
  const found: Leftover[] = [];
  for (const file of new Set([await resolveTarget(paths.credentials), await resolveTarget(paths.config)])) {
    const dir = dirname(file);
    const pattern = leftoverPattern(basename(file));
    const names = await readdir(dir).catch(() => [] as string[]);
    const candidates = names.filter((name) => pattern.test(name));
    if (candidates.length === 0) continue;
    const realKeys = keysOf((await readRegularFile(file).catch(() => undefined)) ?? Buffer.alloc(0));
    const uid = process.getuid?.();
    for (const name of candidates) {
      const pid = pattern.exec(name)![1];
      if (pid !== undefined && processExists(Number(pid))) continue;
      const path = join(dir, name);
      const stat = await lstat(path).catch(() => undefined);
      if (!stat?.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
      const bytes = (await readRegularFile(path).catch(() => undefined)) ?? Buffer.alloc(0);
      const keys = [...keysOfWithProfiles(bytes)].filter((k) => !realKeys.has(k.accessKeyId));
      found.push({ path, keys });
    }
  }
  return found;
}

/**
 * Deletes leftovers, except (unless `all`) those holding a long-term key the file lacks: that may be the
 * new key of a rotation killed while writing it, which `awst rotate-keys` adopts, then deletes them all.
 */
export async function removeLeftovers(paths: AwsFilePaths, options: { all?: boolean } = {}): Promise<void> {
  for (const leftover of await findLeftovers(paths).catch(() => [])) {
    if (options.all || leftover.keys.length === 0) await rm(leftover.path, { force: true }).catch(() => {});
  }
}

function* keysOfWithProfiles(bytes: Buffer): Generator<AccessKey & { profile: string }> {
  for (const [profile, values] of new IniDocument(bytes).sections()) {
    const accessKeyId = values.aws_access_key_id;
    const secretAccessKey = values.aws_secret_access_key;
    if (accessKeyId?.startsWith('AKIA') && secretAccessKey && !values.aws_session_token) {
      yield { profile, accessKeyId, secretAccessKey };
    }
  }
}

function keysOf(bytes: Buffer): Set<string> {
  const ids = new Set<string>();
  for (const values of new IniDocument(bytes).sections().values()) {
    if (values.aws_access_key_id) ids.add(values.aws_access_key_id);
  }
  return ids;
}
