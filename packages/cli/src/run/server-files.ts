import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IniDocument } from '../aws-files/ini-document.js';
import { type AwsFilePaths, profileOfConfigSection } from '../aws-files/paths.js';
import { AwstError } from '../errors.js';

/** Where awst keeps the user's own file locations while the child of `run --server` sees others. */
export const USER_FILE_VARIABLES = {
  credentials: 'AWST_USER_CREDENTIALS_FILE',
  config: 'AWST_USER_CONFIG_FILE',
} as const;

/** Keys that hold or fetch credentials: in the default profile they would outrank the container endpoint. */
const DEFAULT_CREDENTIAL_KEYS =
  /^(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|credential_process|credential_source|role_arn|source_profile|web_identity_token_file|role_session_name|mfa_serial|external_id|duration_seconds|sso_.*)$/;
/** Keys never copied from any section, so the copy holds no secret. */
const SECRET_KEYS = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token)$/;

/**
 * Sections whose keys reach the default profile. botocore's: `[default]`, a "profile" section that splits
 * like a shell into `profile default` (`[profile default]`, `[profile "default"]`, `[profile 'default']`),
 * and configparser's `[DEFAULT]`, whose keys every section inherits. Other SDKs split headers their own
 * way, so a header that reads as default once quotes and spacing are ignored counts too.
 */
export function reachesDefaultProfile(section: string): boolean {
  if (section === 'DEFAULT' || profileOfConfigSection(section) === 'default') return true;
  const loose = section.replace(/["']/g, '').trim().split(/\s+/);
  return loose.join(' ') === 'default' || loose.join(' ') === 'profile default';
}

/**
 * The user's config file without what could stand in for the container endpoint: every SDK reads the
 * shared files before it, so a default profile's key, credential_process or role would win. Read and
 * edited with the same botocore-faithful reader as every other awst write (aws-files/ini-document.ts);
 * other profiles and settings (output format, retries, regions) stay; static keys go everywhere, so the
 * copy holds no secret.
 */
export function configForServerChild(text: string | Buffer): Buffer {
  const document = new IniDocument(text);
  for (const [section, keys] of document.ownKeys()) {
    const dropped = keys.filter(
      (key) => SECRET_KEYS.test(key) || (reachesDefaultProfile(section) && DEFAULT_CREDENTIAL_KEYS.test(key)),
    );
    if (dropped.length > 0) document.setValues(section, Object.fromEntries(dropped.map((key) => [key, ''])));
  }
  return document.toBuffer();
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
  let config: Buffer | undefined;
  try {
    config = configForServerChild(await readFile(paths.config));
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
async function privateConfigCopy(config: Buffer): Promise<string> {
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
