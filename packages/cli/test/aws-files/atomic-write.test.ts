import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  fileError,
  prepareReplacement,
  readRegularFile,
  type WriteFs,
} from '../../src/aws-files/atomic-write.js';

let dir: string;
let file: string;
const ORIGINAL = Buffer.from(
  '[main-account]\naws_access_key_id = AKIAOLD\n# café, Latin-1: \xe9\n',
  'latin1',
);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-atomic-'));
  file = join(dir, 'credentials');
  writeFileSync(file, ORIGINAL, { mode: 0o600 });
});

async function replace(path: string, text: string, fs?: WriteFs): Promise<void> {
  await (await prepareReplacement(path, Buffer.from(text), { fs })).commit();
}

function othersIn(folder: string): string[] {
  return readdirSync(folder).filter((name) => name !== 'credentials');
}

// Full-disk cases (injected short writes, a tmpfs, ulimit -f) are in test/reliability/disk-full.integration.test.ts.

describe('temporary files', () => {
  it('11.8 [loss] opens the temp file exclusively without following links: a name planted in advance makes the write fail, not leak', async () => {
    const stolen = join(dir, 'attacker-owned');
    writeFileSync(stolen, 'attacker');
    let planted = '';
    const planting: WriteFs = {
      open: async (path, flags, mode) => {
        planted = path;
        symlinkSync(stolen, path);
        return fsp.open(path, flags, mode);
      },
    };
    await expect(replace(file, 'secret', planting)).rejects.toThrow();
    expect(readFileSync(stolen, 'utf8')).toBe('attacker');
    expect(readFileSync(file)).toEqual(ORIGINAL);
    expect(planted).toMatch(/\/\.credentials\.awst-\d+-[0-9a-f]{16}\.tmp$/);
  });

  it('11.8 names temp files unpredictably, in the real file’s folder, with mode 0600', async () => {
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const prepared = await prepareReplacement(file, Buffer.from(`v${i}`));
      names.push(prepared.temp);
      expect(statSync(prepared.temp).mode & 0o777).toBe(0o600);
      await prepared.discard();
    }
    expect(names[0]).not.toBe(names[1]);
    expect(othersIn(dir)).toEqual([]);
  });

  it('11.8 writes through a symlinked credentials file and keeps the link, as aws configure does', async () => {
    const dotfiles = join(dir, 'dotfiles');
    mkdirSync(dotfiles, { mode: 0o700 });
    const real = join(dotfiles, 'aws-credentials');
    writeFileSync(real, ORIGINAL, { mode: 0o600 });
    const link = join(dir, 'linked-credentials');
    symlinkSync(join('dotfiles', 'aws-credentials'), link);
    await replace(link, 'new text\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('dotfiles', 'aws-credentials'));
    expect(readFileSync(real, 'utf8')).toBe('new text\n');
    expect(readdirSync(dotfiles)).toEqual(['aws-credentials']);
  });

  it('11.8 creates the target of a dangling symlink', async () => {
    const link = join(dir, 'dangling');
    symlinkSync('made-later', link);
    await replace(link, 'a\n');
    expect(readFileSync(join(dir, 'made-later'), 'utf8')).toBe('a\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('11.8 [message] refuses to write secrets into a folder every user may write to', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const error = await replace(join(shared, 'credentials'), 'secret').catch((e) => e);
    expect(error.message).toMatch(
      /^Refusing to write .*shared\/credentials: its folder .*shared is writable by every user, who could read or replace your credentials\. Keep the file in a private folder \(chmod 700/,
    );
    expect(readdirSync(shared)).toEqual([]);
  });
});

describe('run as root (sudo -E) on a user’s file', () => {
  it.skipIf(process.getuid?.() !== 0)('keeps the file the user’s, so they can still read it', async () => {
    chmodSync(dir, 0o700);
    chownSync(dir, 65534, 65534);
    chownSync(file, 65534, 65534);
    await replace(file, 'new\n');
    expect(statSync(file)).toMatchObject({ uid: 65534, gid: 65534 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('what is at the path', () => {
  it('12.9 [hang] a FIFO where the file should be is refused at once, for reading and for writing', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo)).rejects.toThrow(
      `${fifo} is a named pipe (FIFO); awst reads and writes only a regular file there.`,
    );
    await expect(replace(fifo, 'x')).rejects.toThrow(/is a named pipe \(FIFO\)/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('12.13 [message] a read-only (0400) file is respected, not replaced', async () => {
    chmodSync(file, 0o400);
    const error = await replace(file, 'x').catch((e) => e);
    expect(error.message).toBe(
      `${file} is read-only (mode 0400), so awst leaves it as it is. To let awst update it: chmod 600 ${file}`,
    );
    expect(readFileSync(file)).toEqual(ORIGINAL);
    expect(statSync(file).mode & 0o777).toBe(0o400);
  });

  it('12.13 [message] a folder, a file in the path and a link loop each get one sentence naming the file', async () => {
    mkdirSync(join(dir, 'folder'));
    await expect(replace(join(dir, 'folder'), 'x')).rejects.toThrow(
      /folder is a folder; awst reads and writes only a regular file there/,
    );
    await expect(readRegularFile(join(dir, 'folder'))).rejects.toThrow(/folder is a folder/);
    await expect(replace(join(file, 'below'), 'x')).rejects.toThrow(
      `A part of the path ${join(file, 'below')} is a file where a folder should be.`,
    );
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    await expect(replace(join(dir, 'loop-a'), 'x')).rejects.toThrow(/loop-a is a loop of symbolic links/);
    await expect(readRegularFile(join(dir, 'loop-a'))).rejects.toThrow(/loop of symbolic links/);
    expect(existsSync(join(dir, 'loop-a.tmp'))).toBe(false);
  });

  it('12.13 [message] EACCES, EROFS and ENOSPC name the file and the fix', () => {
    const err = (code: string) =>
      fileError('/h/.aws/credentials', Object.assign(new Error(code), { code })).message;
    expect(err('EACCES')).toBe(
      'Permission denied on /h/.aws/credentials or its folder. /h/.aws/credentials was left unchanged. awst must read the file and create files in its folder: check owner and mode with ls -l.',
    );
    expect(err('EROFS')).toMatch(
      /^\/h\/\.aws\/credentials is on a read-only file system\. .* Remount it writable/,
    );
    expect(err('ENOSPC')).toMatch(/^The disk holding \/h\/\.aws\/credentials is full\./);
    expect(err('EFBIG')).toMatch(/file size limit \(ulimit -f\)/);
  });
});

describe('22.6 a credentials file mounted on its own', () => {
  it('22.6 [message] rename onto it (EXDEV, EBUSY) is named as a mounted file, with the fix: mount the folder', () => {
    for (const code of ['EXDEV', 'EBUSY']) {
      const error = fileError('/root/.aws/credentials', Object.assign(new Error(code), { code }));
      expect(error.message).toMatch(
        /^\/root\/\.aws\/credentials is a file mounted on its own \(as docker -v ~\/\.aws\/credentials:… does\).* was left unchanged\. Mount the folder instead \(docker -v ~\/\.aws:\/root\/\.aws\)/,
      );
    }
  });
});
