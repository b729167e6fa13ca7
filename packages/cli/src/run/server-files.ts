import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsFilePaths } from '../aws-files/paths.js';
import { AwstError } from '../errors.js';

/** Where awst keeps the user's own file locations while the child of `run --server` sees others. */
export const USER_FILE_VARIABLES = {
  credentials: 'AWST_USER_CREDENTIALS_FILE',
  config: 'AWST_USER_CONFIG_FILE',
} as const;

/** Keys that hold or fetch credentials: in `[default]` they would outrank the container endpoint. */
const DEFAULT_CREDENTIAL_KEYS =
  /^(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|credential_process|credential_source|role_arn|source_profile|web_identity_token_file|role_session_name|mfa_serial|external_id|duration_seconds|sso_.*)$/;
/** Keys never copied from any section, so the copy holds no secret. */
const SECRET_KEYS = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token)$/;

const SECTION = /^\s*\[([^\]]*)\]/;
const KEY = /^\s*([^=:\s#;[][^=:]*?)\s*[=:]/;

/**
 * The user's config file without what could stand in for the container endpoint: every SDK reads the
 * shared files before it, so a `[default]` key, credential_process or role would win. Other profiles and
 * settings (output format, retries, regions) stay; static keys go everywhere, so the copy holds no secret.
 */
export function configForServerChild(text: string): string {
  const kept: string[] = [];
  let inDefault = false;
  let dropping = false;
  for (const line of text.split(/(?<=\n)/)) {
    const header = SECTION.exec(line);
    if (header) {
      const name = header[1]!.trim().replace(/\s+/g, ' ');
      // botocore copies configparser's [DEFAULT] into every section, [default] included.
      inDefault = name === 'default' || name === 'profile default' || name === 'DEFAULT';
      dropping = false;
      kept.push(line);
      continue;
    }
    if (dropping && /^[ \t]+\S/.test(line)) continue; // a nested value of the dropped key
    const key = KEY.exec(line)?.[1]?.trim().toLowerCase();
    dropping =
      key !== undefined && (SECRET_KEYS.test(key) || (inDefault && DEFAULT_CREDENTIAL_KEYS.test(key)));
    if (!dropping) kept.push(line);
  }
  return kept.join('');
}

export interface ServerChildFiles {
  /** AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE for the child, and where the user's own files are. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * The shared files the child of `run --server` reads: no credentials file (the null device) and the
 * filtered config in a private temporary folder. The child acts as the role, and only as the role.
 */
export async function serverChildFiles(paths: AwsFilePaths): Promise<ServerChildFiles> {
  let config: string | undefined;
  try {
    config = configForServerChild(await readFile(paths.config, 'utf8'));
  } catch {
    // No config (or none readable): the child gets none either.
  }
  const dir = config === undefined ? undefined : await privateConfigCopy(config);
  return {
    env: {
      AWS_SHARED_CREDENTIALS_FILE: devNull,
      AWS_CONFIG_FILE: dir ? join(dir, 'config') : devNull,
      [USER_FILE_VARIABLES.credentials]: paths.credentials,
      [USER_FILE_VARIABLES.config]: paths.config,
    },
    remove: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The filtered config in a new private folder under TMPDIR; a failure names that folder and the fix. */
async function privateConfigCopy(config: string): Promise<string> {
  const parent = tmpdir();
  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(parent, 'awst-run-'));
    await writeFile(join(dir, 'config'), config, { mode: 0o600 });
    return dir;
  } catch (error) {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const full = code === 'ENOSPC' || code === 'EDQUOT' ? ', which is full' : '';
    throw new AwstError(
      `awst run --server keeps a filtered copy of your AWS config in a private folder under ${parent}${full}, and could not write it there (${code}). Free some space there, or set TMPDIR to another folder.`,
      1,
      { cause: error },
    );
  }
}

/** The environment with the user's own file locations back, for awst's own reads inside `run --server`. */
export function withUserFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const credentials = env[USER_FILE_VARIABLES.credentials];
  const config = env[USER_FILE_VARIABLES.config];
  if (!credentials && !config) return env;
  const restored: NodeJS.ProcessEnv = { ...env };
  delete restored[USER_FILE_VARIABLES.credentials];
  delete restored[USER_FILE_VARIABLES.config];
  if (credentials) restored.AWS_SHARED_CREDENTIALS_FILE = credentials;
  if (config) restored.AWS_CONFIG_FILE = config;
  return restored;
}
