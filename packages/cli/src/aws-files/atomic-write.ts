import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AwstError } from '../errors.js';

/**
 * Reading and replacing the user's AWS files safely. A replacement is written to a temporary file created
 * exclusively (O_EXCL|O_NOFOLLOW, unpredictable name) next to the real file, checked complete (every byte
 * written, fsync, size) and only then renamed over it; anything else leaves the original byte for byte.
 * write-file-atomic did none of the checks: on a full disk it renamed a truncated file over the original.
 */

/** The parts of node:fs/promises a replacement uses; tests inject short writes through it. */
export interface WriteFs {
  open(path: string, flags: number, mode: number): Promise<WriteHandle>;
}
export interface WriteHandle {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}
const nodeFs: WriteFs = { open: (path, flags, mode) => fsp.open(path, flags, mode) };

function mountedFile(path: string, kept: string): string {
  return `${path} is a file mounted on its own (as docker -v ~/.aws/credentials:… does), and a mounted file cannot be replaced, only the folder around it.${kept} Mount the folder instead (docker -v ~/.aws:/root/.aws), or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE at a file inside a mounted folder.`;
}

/** A user-facing message for a file-system failure on `path`: the cause and the fix in one or two sentences. */
export function fileError(path: string, error: unknown, unchanged = true): AwstError {
  if (error instanceof AwstError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const kept = unchanged ? ` ${path} was left unchanged.` : '';
  const messages: Record<string, string> = {
    EISDIR: `${path} is a folder, but awst expects the AWS file there. Move the folder away, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE at a file.`,
    ENOTDIR: `A part of the path ${path} is a file where a folder should be. Fix the path, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere.`,
    ELOOP: `${path} is a loop of symbolic links. Check it with ls -l ${path} and make the link point at a real file.`,
    EACCES: `Permission denied on ${path} or its folder.${kept} awst must read the file and create files in its folder: check owner and mode with ls -l.`,
    EPERM: `The system refused a change to ${path} or its folder (EPERM).${kept} Check owner, mode and attributes (ls -l, lsattr).`,
    EROFS: `${path} is on a read-only file system.${kept} Remount it writable, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE at a writable place.`,
    ENOSPC: `The disk holding ${path} is full.${kept} Free some space and run the command again.`,
    EDQUOT: `Your disk quota for ${path} is used up.${kept} Free some space and run the command again.`,
    // rename() onto a file mounted on its own: EXDEV (another mount) or EBUSY (a mount point).
    EXDEV: mountedFile(path, kept),
    EBUSY: mountedFile(path, kept),
    EFBIG: `Writing ${path} hit the file size limit (ulimit -f) or the disk is full.${kept} Raise the limit or free some space, then run the command again.`,
  };
  const message =
    messages[code] ?? `Cannot use ${path} (${code || String(error)}).${kept} Check the file and its folder.`;
  return new AwstError(message, 1, { cause: error });
}

/** Where writes to `path` must go: the file at the end of its symbolic links (which may not exist yet). */
export async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await fsp.realpath(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(path, error);
    }
    // Missing, or a link to a missing file: follow the link by hand; a missing file lives in its real folder.
    let link: string | undefined;
    try {
      link = await fsp.readlink(current);
    } catch {
      link = undefined;
    }
    if (link === undefined) {
      const dir = await fsp.realpath(dirname(current)).catch(() => dirname(current));
      return join(dir, basename(current));
    }
    current = resolve(dirname(current), link);
  }
  throw fileError(path, Object.assign(new Error('ELOOP'), { code: 'ELOOP' }));
}

/**
 * `path` opened for reading without blocking (a FIFO must not hang awst), undefined when it does not exist.
 */
async function openForReading(path: string): Promise<fsp.FileHandle | undefined> {
  try {
    return await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(path, error, false);
  }
}

/**
 * The bytes of `path`, undefined when it does not exist. Anything but a regular file (a FIFO, a device, a
 * folder) is refused without blocking: opening is non-blocking and the type is checked before reading.
 */
export async function readRegularFile(path: string): Promise<Buffer | undefined> {
  const handle = await openForReading(path);
  if (!handle) return undefined;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(path, stat);
    return await handle.readFile();
  } catch (error) {
    throw fileError(path, error, false);
  } finally {
    await handle.close();
  }
}

/**
 * The file as it is now, kept open: after the file was replaced by a rename, `reread()` still shows the
 * replaced file, so a program that was writing into it at that moment is noticed.
 */
export async function openSnapshot(
  path: string,
): Promise<{ bytes: Buffer | undefined; reread(): Promise<Buffer | undefined>; close(): Promise<void> }> {
  const handle = await openForReading(path);
  if (!handle) return { bytes: undefined, reread: async () => undefined, close: async () => {} };
  const read = async () => {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegular(path, stat);
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  };
  try {
    return { bytes: await read(), reread: read, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw fileError(path, error, false);
  }
}

function notRegular(path: string, stat: { isFIFO(): boolean; isDirectory(): boolean }): AwstError {
  const what = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isDirectory() ? 'a folder' : 'not a regular file';
  return new AwstError(
    `${path} is ${what}; awst reads and writes only a regular file there. Replace it with a file, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE at one.`,
    1,
  );
}

/** Refuses to put secrets where another user could swap or read them: a folder others may write to. */
async function assertPrivateFolder(file: string, dir: string): Promise<void> {
  let stat: Awaited<ReturnType<typeof fsp.stat>>;
  try {
    stat = await fsp.stat(dir);
  } catch (error) {
    throw fileError(file, error);
  }
  const uid = process.getuid?.();
  // root (sudo -E) may write a user's own folder: that user owns the file anyway.
  const foreignOwner = uid !== undefined && uid !== 0 && stat.uid !== uid && stat.uid !== 0;
  if ((stat.mode & 0o002) !== 0 || foreignOwner) {
    throw new AwstError(
      `Refusing to write ${file}: its folder ${dir} ${foreignOwner ? 'belongs to another user' : 'is writable by every user'}, who could read or replace your credentials. Keep the file in a private folder (chmod 700 ${dir}, or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere).`,
      1,
    );
  }
}

/** A complete, synced temporary copy waiting to be renamed over the real file. */
export interface PreparedReplacement {
  /** The path the user named. */
  path: string;
  /** The real file the rename replaces. */
  target: string;
  temp: string;
  /** Renames the temporary file over the real one; `sync: false` leaves syncing the folder to the caller. */
  commit(options?: { sync?: boolean }): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Writes `bytes` to a fresh temporary file beside the real file of `path` and verifies it; `commit()`
 * renames it into place with mode 0600. Refuses a read-only file, a non-regular file and a shared folder.
 */
export async function prepareReplacement(
  path: string,
  bytes: Buffer,
  options: { fs?: WriteFs } = {},
): Promise<PreparedReplacement> {
  ignoreFileSizeSignal();
  const target = await resolveTarget(path);
  const dir = dirname(target);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(path, error);
  }
  await assertPrivateFolder(path, dir);
  const owner = await assertReplaceable(path, target);

  const fs = options.fs ?? nodeFs;
  const temp = join(dir, `.${basename(target)}.awst-${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  let handle: WriteHandle;
  try {
    handle = await fs.open(temp, flags, 0o600);
  } catch (error) {
    throw fileError(path, error);
  }
  const discard = () => fsp.rm(temp, { force: true }).catch(() => {});
  try {
    try {
      await writeAll(handle, bytes);
      await handle.sync();
      const { size } = await handle.stat();
      if (size !== bytes.length) throw diskFull(`${size} of ${bytes.length} bytes`);
    } finally {
      await handle.close();
    }
    await fsp.chmod(temp, 0o600);
    // Run as root on a user's file (sudo -E): the file stays theirs, or they could no longer read it.
    if (owner && process.getuid?.() === 0 && owner.uid !== 0) await fsp.chown(temp, owner.uid, owner.gid);
  } catch (error) {
    await discard();
    throw fileError(path, error);
  }
  return {
    path,
    target,
    temp,
    discard,
    async commit(options = {}) {
      try {
        await fsp.rename(temp, target);
      } catch (error) {
        await discard();
        throw fileError(path, error);
      }
      if (options.sync !== false) await syncFolder(dir);
    },
  };
}

async function writeAll(handle: WriteHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    // A write that makes no progress is a full disk that did not say so.
    if (bytesWritten <= 0) throw diskFull(`${offset} of ${bytes.length} bytes`);
    offset += bytesWritten;
  }
}

function diskFull(detail: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`short write: ${detail}`), { code: 'ENOSPC' });
}

/** A file the user made read-only stays as it is; a FIFO or folder in its place is refused. Returns its owner. */
async function assertReplaceable(
  path: string,
  target: string,
): Promise<{ uid: number; gid: number } | undefined> {
  let stat: Awaited<ReturnType<typeof fsp.stat>>;
  try {
    stat = await fsp.stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(path, error);
  }
  if (!stat.isFile()) throw notRegular(path, stat);
  if ((stat.mode & 0o200) === 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new AwstError(
      `${path} is read-only (mode ${mode}), so awst leaves it as it is. To let awst update it: chmod 600 ${target}`,
      1,
    );
  }
  return { uid: stat.uid, gid: stat.gid };
}

export async function syncFolder(dir: string): Promise<void> {
  // Makes the rename durable; some file systems cannot sync a folder, which is harmless.
  const handle = await fsp.open(dir, constants.O_RDONLY).catch(() => undefined);
  await handle
    ?.sync()
    .catch(() => {})
    .finally(() => handle.close());
}

let fileSizeSignalIgnored = false;
/**
 * Past `ulimit -f` the kernel sends SIGXFSZ, whose default kills node (exit 153, no message). With a
 * handler the write fails with EFBIG instead, which is reported like a full disk.
 */
export function ignoreFileSizeSignal(): void {
  if (fileSizeSignalIgnored || process.platform === 'win32') return;
  fileSizeSignalIgnored = true;
  process.on('SIGXFSZ', () => {});
}
