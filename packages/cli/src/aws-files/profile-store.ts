import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwstError } from '../errors.js';
import {
  openSnapshot,
  type PreparedReplacement,
  prepareReplacement,
  readRegularFile,
  syncFolder,
} from './atomic-write.js';
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
    // What another program wrote into a file just as awst replaced it: the base for the next attempt.
    let rescued = new Map<string, Buffer | undefined>();
    for (let attempt = 1; ; attempt++) {
      const files = [
        { path: paths.credentials, edits: undefined as FileEdits | undefined, sectionOf: credentialsSection },
        { path: paths.config, edits: undefined as FileEdits | undefined, sectionOf: configSectionAndAliases },
      ];
      // From the second attempt on another program is writing, and an empty file may be one it has just
      // truncated to write anew (as aws configure does): such a file is read once it holds still.
      const current = await Promise.all(
        files.map(async (f) => {
          const bytes = await readBytes(f.path);
          return attempt === 1 && bytes?.length !== 0 ? bytes : settled(() => readBytes(f.path));
        }),
      );
      const base = files.map((f, i) => (rescued.has(f.path) ? rescued.get(f.path) : current[i]));
      const resolved =
        typeof edits === 'function' ? await edits(profilesOf(text(base[0]), text(base[1]))) : edits;
      files[0]!.edits = resolved.credentials;
      files[1]!.edits = resolved.config;
      const changes: Change[] = [];
      files.forEach((file, i) => {
        const after = file.edits ? editText(text(base[i]), file.edits, file.sectionOf) : text(base[i]);
        if (after !== text(current[i])) {
          changes.push({ path: file.path, before: current[i], after: Buffer.from(after, 'utf8') });
        }
      });
      if (changes.length === 0) return;
      const outcome = await replaceAll(changes, lock);
      if (outcome === 'done') return;
      rescued = outcome === 'changed' ? new Map() : outcome;
      if (attempt === 10) {
        throw new AwstError(
          `${changes.map((c) => c.path).join(' and ')} kept changing while awst tried to update it; it was left as the other program wrote it. Run the command again when that program is done.`,
          1,
        );
      }
    }
  });
}

type FileEdits = Record<string, ProfileValues | null>;
interface Change {
  path: string;
  before: Buffer | undefined;
  after: Buffer;
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
 * Prepares every new file, then checks that each file still holds what the edit was made from and renames
 * the new ones in place, back to back. Returns 'changed' (nothing written) when a file changed meanwhile,
 * and the replaced files' texts when another program wrote into one of them during the rename (its
 * change would be lost: the edit is redone on that text). Undoes the first rename when a later one fails.
 */
async function replaceAll(
  changes: Change[],
  lock: HeldLock,
): Promise<'done' | 'changed' | Map<string, Buffer | undefined>> {
  const prepared: PreparedReplacement[] = [];
  const snapshots: Awaited<ReturnType<typeof openSnapshot>>[] = [];
  try {
    for (const change of changes) prepared.push(await prepareReplacement(change.path, change.after));
    await slowDiskFault();
    for (const change of changes) {
      const snapshot = await openSnapshot(change.path);
      snapshots.push(snapshot);
      if (!sameBytes(snapshot.bytes, change.before)) return 'changed';
    }
    lock.assertHeld();
    const done: Change[] = [];
    for (const [index, replacement] of prepared.entries()) {
      try {
        await replacement.commit({ sync: false });
      } catch (error) {
        for (const undo of done) await restore(undo.path, undo.before);
        throw error;
      }
      done.push(changes[index]!);
    }
    for (const dir of new Set(prepared.map((p) => dirname(p.target)))) await syncFolder(dir);
    const overwritten = new Map<string, Buffer | undefined>();
    for (const [index, snapshot] of snapshots.entries()) {
      const now = await snapshot.reread().catch(() => snapshot.bytes);
      if (sameBytes(now, snapshot.bytes)) continue;
      // The other program may be between truncating the file and writing it: use its text once it holds still.
      const written = await settled(() => snapshot.reread(), { nonEmpty: true });
      if (written) overwritten.set(changes[index]!.path, written);
    }
    return overwritten.size ? overwritten : 'done';
  } finally {
    for (const snapshot of snapshots) await snapshot.close().catch(() => {});
    for (const replacement of prepared) await replacement.discard();
  }
}

/**
 * The text of a file another program is writing, once two reads 25 ms apart agree (at most half a second);
 * undefined when it never held still (or, with `nonEmpty`, stayed empty).
 */
async function settled(
  read: () => Promise<Buffer | undefined>,
  options: { nonEmpty?: boolean } = {},
): Promise<Buffer | undefined> {
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const next = await read();
    if (sameBytes(next, last) && (!options.nonEmpty || (next?.length ?? 0) > 0)) return next;
    last = next;
  }
  return options.nonEmpty ? undefined : last;
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
