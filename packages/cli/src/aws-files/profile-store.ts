import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwstError, UsageError } from '../errors.js';
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
 * Applies edits to both files under one lock, held on the real credentials file. Both new files are
 * written and verified first, then each file is replaced by a rename; when the second rename fails the
 * first file is put back, so a command updates both files or neither. If another program changed a file
 * since it was read (say `aws configure set` running beside awst), the edit is redone on the new text.
 * Everything the edits do not name stays byte for byte; a written file gets mode 0600.
 */
export async function updateProfiles(
  paths: AwsFilePaths,
  edits: ProfileEdits | ((current: AwsProfiles) => ProfileEdits | Promise<ProfileEdits>),
  options: { warn?: (line: string) => void } = {},
): Promise<void> {
  await withLock(await lockPathFor(paths.credentials, '.awst.lock'), async (lock) => {
    await removeLeftovers(paths);
    // What another program wrote into a file just as awst replaced it: the base for the next attempt.
    let rescued = new Map<string, Buffer | undefined>();
    for (let attempt = 1; ; attempt++) {
      // From the second attempt on another program is writing, and an empty file may be one it has just
      // truncated to write anew (as aws configure does): such a file is read once it holds still.
      const read = async (path: string) => {
        if (attempt === 1) {
          const bytes = await readRegularFile(path);
          if (bytes?.length !== 0) return bytes;
        }
        return settled(() => readRegularFile(path));
      };
      const current = { credentials: await read(paths.credentials), config: await read(paths.config) };
      const baseOf = (path: string, bytes: Buffer | undefined) =>
        rescued.has(path) ? rescued.get(path) : bytes;
      const base = {
        credentials: baseOf(paths.credentials, current.credentials),
        config: baseOf(paths.config, current.config),
      };
      const resolved =
        typeof edits === 'function' ? await edits(profilesOf(base.credentials, base.config)) : edits;
      const changes: Change[] = [];
      if (resolved.credentials) {
        const { credentials } = resolved;
        const after = editBytes(
          paths.credentials,
          base.credentials,
          credentials,
          (_, name) => [name],
          (document) => {
            const temporary = Object.keys(credentials).filter((name) => credentials[name]?.aws_session_token);
            refuseLongTermOverwrite(paths.credentials, document.sections(), temporary);
          },
        );
        if (!after.equals(current.credentials ?? EMPTY)) {
          changes.push({ path: paths.credentials, before: current.credentials, after });
        }
      }
      if (resolved.config) {
        const after = editBytes(paths.config, base.config, resolved.config, configSections);
        if (!after.equals(current.config ?? EMPTY)) {
          changes.push({ path: paths.config, before: current.config, after });
        }
      }
      if (changes.length === 0) return;
      const outcome = await replaceAll(changes, lock);
      if (outcome === 'done') {
        if (options.warn) for (const change of changes) warnIfUnreadable(change, options.warn);
        return;
      }
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

const EMPTY = Buffer.alloc(0);

/**
 * A file botocore already refused before awst wrote (someone else's duplicate section): awst's own section
 * is written all the same, and the line that keeps the AWS CLI and boto3 from reading any of it is named.
 */
function warnIfUnreadable(change: Change, warn: (line: string) => void): void {
  const problem = new IniDocument(change.after).problem;
  if (problem === undefined) return;
  warn(
    `${change.path} cannot be read by the AWS CLI or boto3 at all (${problem}); awst wrote its own section, but fix that line for them.`,
  );
}

interface Change {
  path: string;
  before: Buffer | undefined;
  after: Buffer;
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

/** The file's new bytes after the edits; everything they do not name stays byte for byte. */
function editBytes(
  path: string,
  before: Buffer | undefined,
  edits: Record<string, ProfileValues | null>,
  sectionsOf: (document: IniDocument, profile: string) => string[],
  check?: (document: IniDocument) => void,
): Buffer {
  const bytes = before ?? EMPTY;
  const document = new IniDocument(bytes);
  check?.(document);
  // Every edit parses the document anew, so these stay what the file read before it.
  const original = { sections: document.sections(), problem: document.problem };
  const owned = new Set<string>();
  for (const [profile, values] of Object.entries(edits)) {
    for (const section of sectionsOf(document, profile)) {
      owned.add(section);
      if (values === null) document.removeSection(section);
      else document.setValues(section, values);
    }
  }
  checkOthersUnchanged(path, original, document, owned);
  return document.toBuffer();
}

/**
 * A last check before writing: every section awst does not own reads exactly as before, and a file botocore
 * could read stays readable. An edit that would break either is a bug; refuse it rather than harm the file.
 */
function checkOthersUnchanged(
  path: string,
  before: { sections: Map<string, ProfileValues>; problem: string | undefined },
  after: IniDocument,
  owned: Set<string>,
): void {
  const others = (sections: Map<string, ProfileValues>) =>
    JSON.stringify([...sections].filter(([name]) => !owned.has(name)));
  const broken = before.problem === undefined && after.problem !== undefined;
  if (broken || others(before.sections) !== others(after.sections())) {
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

function profilesOf(credentials: Buffer | undefined, config: Buffer | undefined): AwsProfiles {
  return {
    credentials: new IniDocument(credentials ?? EMPTY).sections(),
    config: configProfiles(new IniDocument(config ?? EMPTY)),
  };
}

/** The file's bytes, empty when it does not exist; a FIFO or folder in its place is refused, not waited on. */
async function readBytes(path: string): Promise<Buffer> {
  return (await readRegularFile(path)) ?? EMPTY;
}
