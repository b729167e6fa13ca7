import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwstError, UsageError } from '../errors.js';
import { IniDocument, type SectionValues } from './ini-document.js';
import { withLock } from './lock.js';
import {
  type AwsFilePaths,
  configSectionName,
  goConfigSectionName,
  profileOfConfigSection,
} from './paths.js';

export type ProfileValues = SectionValues;

/** Profiles by name: credentials-file sections, and config-file `profile …` sections. */
export interface AwsProfiles {
  credentials: Map<string, ProfileValues>;
  config: Map<string, ProfileValues>;
}

/** Keys to set per profile ('' removes a key), or null to remove the profile's section. */
export interface ProfileEdits {
  credentials?: Record<string, ProfileValues | null>;
  config?: Record<string, ProfileValues | null>;
}

export async function readProfiles(paths: AwsFilePaths): Promise<AwsProfiles> {
  const [credentials, config] = await Promise.all([readCredentialsProfiles(paths), readBytes(paths.config)]);
  return { credentials, config: configProfiles(new IniDocument(config)) };
}

/** The credentials file alone: all the cached path needs, so it does not read and parse ~/.aws/config. */
export async function readCredentialsProfiles(paths: AwsFilePaths): Promise<Map<string, ProfileValues>> {
  return new IniDocument(await readBytes(paths.credentials)).sections();
}

/** Config-file profiles as botocore builds them: a later section for the same profile replaces an earlier one. */
function configProfiles(document: IniDocument): Map<string, ProfileValues> {
  const profiles = new Map<string, ProfileValues>();
  for (const [section, values] of document.sections()) {
    const profile = profileOfConfigSection(section);
    if (profile !== undefined) profiles.set(profile, values);
  }
  return profiles;
}

/**
 * Applies edits to both files under one lock. Each file is replaced atomically with mode 0600, and only
 * when its text changes; everything the edits do not name stays byte for byte.
 */
export async function updateProfiles(
  paths: AwsFilePaths,
  edits: ProfileEdits | ((current: AwsProfiles) => ProfileEdits | Promise<ProfileEdits>),
): Promise<void> {
  await withLock(`${paths.credentials}.awst.lock`, async () => {
    const resolved = typeof edits === 'function' ? await edits(await readProfiles(paths)) : edits;
    if (resolved.credentials) {
      const { credentials } = resolved;
      await editFile(
        paths.credentials,
        credentials,
        (_, name) => [name],
        (document) => {
          const temporary = Object.keys(credentials).filter((name) => credentials[name]?.aws_session_token);
          refuseLongTermOverwrite(paths.credentials, document.sections(), temporary);
        },
      );
    }
    if (resolved.config) await editFile(paths.config, resolved.config, configSections);
  });
}

/**
 * Every config section botocore reads the profile from (`[profile a]`, `[profile "a"]`…), or the one to
 * create, plus the unquoted twin Terraform reads for a name with spaces.
 */
function configSections(document: IniDocument, profile: string): string[] {
  const existing = [...document.sections().keys()].filter((s) => profileOfConfigSection(s) === profile);
  const twin = goConfigSectionName(profile);
  return [...(existing.length > 0 ? existing : [configSectionName(profile)]), ...(twin ? [twin] : [])];
}

async function editFile(
  path: string,
  edits: Record<string, ProfileValues | null>,
  sectionsOf: (document: IniDocument, profile: string) => string[],
  check?: (document: IniDocument) => void,
): Promise<void> {
  const before = await readBytes(path);
  const document = new IniDocument(before);
  check?.(document);
  const original = new IniDocument(before);
  const owned = new Set<string>();
  for (const [profile, values] of Object.entries(edits)) {
    for (const section of sectionsOf(document, profile)) {
      owned.add(section);
      if (values === null) document.removeSection(section);
      else document.setValues(section, values);
    }
  }
  checkOthersUnchanged(path, original, document, owned);
  const after = document.toBuffer();
  if (after.equals(before)) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, after, { mode: 0o600 });
}

/**
 * A last check before writing: every section awst does not own reads exactly as before, and a file botocore
 * could read stays readable. An edit that would break either is a bug; refuse it rather than harm the file.
 */
function checkOthersUnchanged(
  path: string,
  before: IniDocument,
  after: IniDocument,
  owned: Set<string>,
): void {
  const others = (document: IniDocument) =>
    JSON.stringify([...document.sections()].filter(([name]) => !owned.has(name)));
  const broken = before.problem === undefined && after.problem !== undefined;
  if (broken || others(before) !== others(after)) {
    throw new AwstError(
      `awst's edit would change how other tools read ${path}${broken ? ` (${after.problem})` : ''}, so nothing was written. Please report this with the file's layout (not its keys).`,
      1,
    );
  }
}

/** A long-term access key: a key id without a session token (temporary keys start with ASIA). */
export function holdsLongTermKey(values: ProfileValues | undefined): boolean {
  const keyId = values?.aws_access_key_id;
  return !!keyId && !keyId.startsWith('ASIA') && !values.aws_session_token && !values.aws_security_token;
}

/**
 * Temporary credentials never replace a long-term key (e.g. mainAccountMfaSession = "default" beside a
 * `[default]` that `aws configure` wrote): the key would be lost for good.
 */
export function refuseLongTermOverwrite(
  file: string,
  credentials: Map<string, ProfileValues>,
  profiles: string[],
): void {
  for (const profile of profiles) {
    const values = credentials.get(profile);
    if (!holdsLongTermKey(values)) continue;
    throw new UsageError(
      `[${profile}] in ${file} holds the long-term access key ${values!.aws_access_key_id}, which awst will not overwrite with temporary credentials. Give awst another profile name in config.toml (profiles.mainAccountMfaSession, profileNameTemplate).`,
    );
  }
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
