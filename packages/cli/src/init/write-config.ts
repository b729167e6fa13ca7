import { constants } from 'node:fs';
import { access, chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
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
 * existing file is never touched (the create is exclusive); with it the file is replaced by a rename, so
 * it is never half-written.
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
      await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
    return;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(path, error);
  }
}

function cannotWrite(path: string, error: unknown): AwstError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new AwstError(`Cannot write ${path} (${code}). Check the folder's permissions.`, 1, {
    cause: error,
  });
}
