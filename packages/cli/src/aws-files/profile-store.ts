import { rm } from 'node:fs/promises';
import { AwstError } from '../errors.js';
import { type PreparedReplacement, prepareReplacement, readRegularFile } from './atomic-write.js';
import { IniDocument, type SectionValues } from './ini-document.js';
import { removeLeftovers } from './leftovers.js';
import { type HeldLock, lockPathFor, withLock } from './lock.js';
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
  const [credentials, config] = await Promise.all([readText(paths.credentials), readText(paths.config)]);
  return profilesOf(credentials, config);
}

/** The credentials file alone: all the cached path needs, so it does not read and parse ~/.aws/config. */
export async function readCredentialsProfiles(paths: AwsFilePaths): Promise<Map<string, ProfileValues>> {
  return new IniDocument(await readText(paths.credentials)).sections();
}

/**
 * Applies edits to both files under one lock, held on the real credentials file. Both new texts are
 * written and verified first, then each file is replaced by a rename; when the second rename fails the
 * first file is put back, so a command updates both files or neither. If another program changed a file
 * since it was read (say `aws configure set` running beside awst), the edit is redone on the new text.
 * Everything the edits do not name stays byte for byte; a written file gets mode 0600.
 */
export async function updateProfiles(
  paths: AwsFilePaths,
  edits: ProfileEdits | ((current: AwsProfiles) => ProfileEdits | Promise<ProfileEdits>),
): Promise<void> {
  await withLock(await lockPathFor(paths.credentials, '.awst.lock'), async (lock) => {
    await removeLeftovers(paths);
    for (let attempt = 1; ; attempt++) {
      const before = {
        credentials: await readBytes(paths.credentials),
        config: await readBytes(paths.config),
      };
      const resolved =
        typeof edits === 'function'
          ? await edits(profilesOf(text(before.credentials), text(before.config)))
          : edits;
      const changes: { path: string; before: Buffer | undefined; after: Buffer }[] = [];
      for (const [path, fileEdits, sectionOf] of [
        [paths.credentials, resolved.credentials, credentialsSection],
        [paths.config, resolved.config, configSectionAndAliases],
      ] as const) {
        if (!fileEdits) continue;
        const current = path === paths.credentials ? before.credentials : before.config;
        const after = editText(text(current), fileEdits, sectionOf);
        if (after !== text(current))
          changes.push({ path, before: current, after: Buffer.from(after, 'utf8') });
      }
      if (changes.length === 0) return;
      if (await replaceAll(changes, lock)) return;
      if (attempt === 10) {
        throw new AwstError(
          `${changes.map((c) => c.path).join(' and ')} kept changing while awst tried to update it; it was left as the other program wrote it. Run the command again when that program is done.`,
          1,
        );
      }
    }
  });
}

function credentialsSection(name: string): [string, string[]] {
  return [name, []];
}

function configSectionAndAliases(profile: string): [string, string[]] {
  const section = configSectionName(profile);
  if (profile === 'default') return [section, ['profile default']];
  return [
    section,
    [`profile ${profile}`, `profile '${profile}'`, `profile "${profile}"`].filter((s) => s !== section),
  ];
}

function editText(
  before: string,
  edits: Record<string, ProfileValues | null>,
  sectionOf: (profile: string) => [string, string[]],
): string {
  const document = new IniDocument(before);
  for (const [profile, values] of Object.entries(edits)) {
    const [section, aliases] = sectionOf(profile);
    if (values === null) document.removeSection(section, aliases);
    else document.setValues(section, values, aliases);
  }
  return document.toString();
}

/**
 * Prepares every new file, then renames them in turn, each only if its file still holds what the edit
 * was made from. Returns false (nothing written) when a file changed meanwhile; undoes the first rename
 * when a later one fails.
 */
async function replaceAll(
  changes: { path: string; before: Buffer | undefined; after: Buffer }[],
  lock: HeldLock,
): Promise<boolean> {
  const prepared: PreparedReplacement[] = [];
  try {
    for (const change of changes) prepared.push(await prepareReplacement(change.path, change.after));
    await slowDiskFault();
    for (const change of changes) {
      if (!sameBytes(await readBytes(change.path), change.before)) return false;
    }
    lock.assertHeld();
    const done: { path: string; before: Buffer | undefined }[] = [];
    for (const [index, replacement] of prepared.entries()) {
      try {
        await replacement.commit();
      } catch (error) {
        for (const undo of done) await restore(undo.path, undo.before);
        throw error;
      }
      done.push(changes[index]!);
    }
    return true;
  } finally {
    for (const replacement of prepared) await replacement.discard();
  }
}

/**
 * Fault injection for the reliability suite: AWST_FAULT_SLOW_WRITE_MS stretches the time between reading
 * the files and renaming the new ones, as a slow disk or a busy machine does, so that another program's
 * writes land in it.
 */
async function slowDiskFault(): Promise<void> {
  const ms = Number(process.env.AWST_FAULT_SLOW_WRITE_MS);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Puts a file back as it was before this command (best effort: the command fails either way). */
async function restore(path: string, bytes: Buffer | undefined): Promise<void> {
  try {
    if (bytes === undefined) await rm(path, { force: true });
    else await (await prepareReplacement(path, bytes)).commit();
  } catch {
    // The error of the failed rename is the one to report.
  }
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function text(bytes: Buffer | undefined): string {
  return bytes === undefined ? '' : bytes.toString('utf8');
}

function profilesOf(credentials: string, config: string): AwsProfiles {
  const configProfiles = new Map<string, ProfileValues>();
  for (const [section, values] of new IniDocument(config).sections()) {
    const profile = profileOfConfigSection(section);
    if (profile !== undefined) configProfiles.set(profile, { ...configProfiles.get(profile), ...values });
  }
  return { credentials: new IniDocument(credentials).sections(), config: configProfiles };
}

async function readText(path: string): Promise<string> {
  return text(await readRegularFile(path));
}

const readBytes = readRegularFile;
