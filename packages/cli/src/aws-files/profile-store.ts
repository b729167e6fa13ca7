import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IniDocument, type SectionValues } from './ini-document.js';
import { withLock } from './lock.js';
import { type AwsFilePaths, configSectionName, profileOfConfigSection } from './paths.js';

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
  const [credentials, config] = await Promise.all([readCredentialsProfiles(paths), readText(paths.config)]);
  const configProfiles = new Map<string, ProfileValues>();
  for (const [section, values] of new IniDocument(config).sections()) {
    const profile = profileOfConfigSection(section);
    if (profile !== undefined) configProfiles.set(profile, { ...configProfiles.get(profile), ...values });
  }
  return { credentials, config: configProfiles };
}

/** The credentials file alone: all the cached path needs, so it does not read and parse ~/.aws/config. */
export async function readCredentialsProfiles(paths: AwsFilePaths): Promise<Map<string, ProfileValues>> {
  return new IniDocument(await readText(paths.credentials)).sections();
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
    if (resolved.credentials) await editFile(paths.credentials, resolved.credentials, (name) => [name, []]);
    if (resolved.config) await editFile(paths.config, resolved.config, configSectionAndAliases);
  });
}

function configSectionAndAliases(profile: string): [string, string[]] {
  const section = configSectionName(profile);
  if (profile === 'default') return [section, ['profile default']];
  return [
    section,
    [`profile ${profile}`, `profile '${profile}'`, `profile "${profile}"`].filter((s) => s !== section),
  ];
}

async function editFile(
  path: string,
  edits: Record<string, ProfileValues | null>,
  sectionOf: (profile: string) => [string, string[]],
): Promise<void> {
  const before = await readText(path);
  const document = new IniDocument(before);
  for (const [profile, values] of Object.entries(edits)) {
    const [section, aliases] = sectionOf(profile);
    if (values === null) document.removeSection(section, aliases);
    else document.setValues(section, values, aliases);
  }
  const after = document.toString();
  if (after === before) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, after, { mode: 0o600 });
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
