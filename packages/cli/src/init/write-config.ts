import { constants } from 'node:fs';
import { access, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileError, prepareReplacement } from '../aws-files/atomic-write.js';
import { AwstError, UsageError } from '../errors.js';

function refusal(path: string): UsageError {
  return new UsageError(
    `${path} already exists; awst init leaves it alone. Run awst init --force to replace it.`,
  );
}

/** Fails before any question is asked when the file exists and --force was not given. */
export async function assertMayWrite(path: string, force: boolean): Promise<void> {
  if (force) return;
  try {
    await access(path, constants.F_OK);
  } catch {
    return;
  }
  throw refusal(path);
}

/**
 * Writes config.toml with mode 0600, creating missing parent folders with mode 0700. Without `force` an
 * existing file is never touched (the create is exclusive); with it the file is replaced by a verified
 * rename, so it is never half-written.
 */
export async function writeConfigFile(path: string, text: string, force: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  if (!force) {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw refusal(path);
      throw cannotWrite(path, error);
    }
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      await handle.chmod(0o600);
    } catch (error) {
      // A half-written config.toml (say, on a full disk) is worse than none: the next init starts clean.
      await handle.close();
      await rm(path, { force: true });
      throw fileError(path, error, false);
    }
    await handle.close();
    return;
  }
  // The same verified, exclusive temp-file-and-rename as the AWS files (config.toml can name commands).
  await (await prepareReplacement(path, Buffer.from(text, 'utf8'))).commit();
}

function cannotWrite(path: string, error: unknown): AwstError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new AwstError(`Cannot write ${path} (${code}). Check the folder's permissions.`, 1, {
    cause: error,
  });
}
