import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLI_BIN,
  type Moto,
  runProcess,
  startEmulatedAccount,
  type TestUser,
  userWorkspace,
  type Workspace,
} from '@awst/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareReplacement, type WriteFs } from '../../src/aws-files/atomic-write.js';
import { record } from './record.js';

/** A credentials file of 42 sections, as a user with many tools has: bigger than one 4 KiB page. */
function bigCredentials(user: TestUser): string {
  const others = Array.from(
    { length: 41 },
    (_, i) =>
      `# profile of tool ${i}\n[tool-${i}]\naws_access_key_id = AKIATOOL${String(i).padStart(12, '0')}\naws_secret_access_key = ${'s'.repeat(40)}\nregion = eu-west-1\n`,
  ).join('\n');
  return `[main-account]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n\n${others}`;
}

describe('a full disk (fake file-system layer)', () => {
  let dir: string;
  let file: string;
  const ORIGINAL = Buffer.from('[main-account]\naws_access_key_id = AKIAOLD\n'.repeat(200));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awst-short-'));
    file = join(dir, 'credentials');
    writeFileSync(file, ORIGINAL, { mode: 0o600 });
  });

  /** Writes stop after `limit` bytes: the next write makes no progress or fails with ENOSPC. */
  function shortWritingFs(limit: number, then: 'zero' | 'enospc'): WriteFs {
    return {
      async open(path, flags, mode) {
        const handle = await fsp.open(path, flags, mode);
        let written = 0;
        return {
          async write(buffer, offset, length) {
            const room = Math.max(0, limit - written);
            if (room === 0) {
              if (then === 'zero') return { bytesWritten: 0 };
              throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            }
            const { bytesWritten } = await handle.write(buffer, offset, Math.min(length, room));
            written += bytesWritten;
            return { bytesWritten };
          },
          sync: () => handle.sync(),
          stat: () => handle.stat(),
          close: () => handle.close(),
        };
      },
    };
  }

  for (const then of ['zero', 'enospc'] as const) {
    it(`12.1 [loss] a short write (then ${then === 'zero' ? '0 bytes' : 'ENOSPC'}) leaves the original byte-identical, removes the temp file and says the disk is full`, async () => {
      const error = await prepareReplacement(file, Buffer.from('x'.repeat(10_000)), {
        fs: shortWritingFs(4096, then),
      }).catch((e) => e);
      record({ runs: 1, faults: 1 });
      expect(error.message).toBe(
        `The disk holding ${file} is full. ${file} was left unchanged. Free some space and run the command again.`,
      );
      expect(readFileSync(file)).toEqual(ORIGINAL);
      expect(readdirSync(dir)).toEqual(['credentials']);
    });
  }

  it('12.1 [loss] a write that claims success but leaves the file short is caught by the size check', async () => {
    const lying: WriteFs = {
      async open(path, flags, mode) {
        const handle = await fsp.open(path, flags, mode);
        return {
          write: async (buffer, offset, length) => {
            await handle.write(buffer, offset, Math.min(length, 100));
            return { bytesWritten: length };
          },
          sync: () => handle.sync(),
          stat: () => handle.stat(),
          close: () => handle.close(),
        };
      },
    };
    const error = await prepareReplacement(file, Buffer.from('y'.repeat(5000)), { fs: lying }).catch(
      (e) => e,
    );
    record({ runs: 1, faults: 1 });
    expect(error.message).toMatch(/is full/);
    expect(readFileSync(file)).toEqual(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['credentials']);
  });
});

let moto: Moto;
let user: TestUser;
beforeAll(async () => {
  ({ moto, user } = await startEmulatedAccount());
});
afterAll(() => moto?.stop());

const root = process.getuid?.() === 0;

describe.skipIf(!root)(
  `a nearly full disk (tmpfs)${root ? '' : ' — skipped: mounting a tmpfs needs root'}`,
  () => {
    // Mounted only when these tests run, and unmounted after them.
    const tmpfs: { dir?: string; skip?: string } = {};
    beforeAll(() => {
      const dir = mkdtempSync(join(tmpdir(), 'awst-tmpfs-'));
      const out = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', dir], {
        encoding: 'utf8',
      });
      if (out.status === 0) tmpfs.dir = dir;
      else tmpfs.skip = `mount -t tmpfs failed: ${out.stderr.trim() || out.error?.message}`;
    });
    afterAll(() => {
      if (tmpfs.dir) spawnSync('umount', [tmpfs.dir]);
    });

    let ws: Workspace;
    let aws: string;
    let env: NodeJS.ProcessEnv;
    let original: Buffer;

    beforeEach((context) => {
      if (!tmpfs.dir) return context.skip(tmpfs.skip);
      ws = userWorkspace(moto.endpoint, user);
      aws = join(tmpfs.dir!, `aws-${Date.now()}`);
      for (const name of readdirSync(tmpfs.dir!))
        rmSync(join(tmpfs.dir!, name), { recursive: true, force: true });
      mkdirSync(aws, { mode: 0o700 });
      original = Buffer.from(bigCredentials(user));
      writeFileSync(join(aws, 'credentials'), original, { mode: 0o600 });
      writeFileSync(join(aws, 'config'), '[profile main-account]\nregion = eu-west-1\n', { mode: 0o600 });
      env = { AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'), AWS_CONFIG_FILE: join(aws, 'config') };
      // Fill the disk so that one 4 KiB page is left.
      const { bavail, bsize } = statfsSync(tmpfs.dir!);
      writeFileSync(join(tmpfs.dir!, 'filler'), Buffer.alloc(Number(bavail) * Number(bsize) - 4096));
      expect(statfsSync(tmpfs.dir!).bavail * statfsSync(tmpfs.dir!).bsize).toBe(4096);
    });

    function unchanged(): void {
      expect(readFileSync(join(aws, 'credentials'))).toEqual(original);
      expect(readdirSync(aws).sort()).toEqual(['config', 'credentials']);
    }

    it('12.1 [loss] assume with one page free: exit 1, "the disk is full", the credentials file byte-identical', async () => {
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], { env });
      record({ runs: 1, faults: 1 });
      expect(out.stderr).toContain(`The disk holding ${join(aws, 'credentials')} is full.`);
      expect(out.stderr).not.toMatch(/assumed|unexpected error/);
      expect(out.code).toBe(1);
      unchanged();
    });

    it('12.1 [loss] rotate-keys with one page free: exit 1, "the disk is full", file byte-identical, no key created', async () => {
      const out = await ws.awst(['rotate-keys', '-t', '123456'], { env });
      record({ runs: 1, faults: 1 });
      expect(out.stderr).toContain('is full');
      expect(out.stderr).not.toMatch(/Rotated|unexpected error/);
      expect(out.code).not.toBe(0);
      unchanged();
      const keys = ws.aws(
        ['iam', 'list-access-keys', '--user-name', user.userName, '--query', 'length(AccessKeyMetadata)'],
        {
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'eu-west-1',
        },
      );
      expect(keys.stdout.trim()).toBe('1');
    });
  },
);

describe('a file size limit (ulimit -f)', () => {
  it('12.1 [loss] assume past the limit reports it (no death by SIGXFSZ, exit 153) and leaves the file byte-identical', async () => {
    const ws = userWorkspace(moto.endpoint, user);
    const original = Buffer.from(bigCredentials(user));
    writeFileSync(ws.credentialsFile, original, { mode: 0o600 });
    // 4 blocks (2 KiB in dash, 4 KiB in bash): smaller than the file awst has to write.
    const out = await runProcess(
      'sh',
      [
        '-c',
        'ulimit -f 4 && exec "$0" "$@"',
        process.execPath,
        CLI_BIN,
        'assume',
        'main-account',
        'DeveloperAccess',
        '-t',
        '123456',
      ],
      ws.env,
    );
    record({ runs: 1, faults: 1 });
    expect(out.signal).toBeNull();
    expect(out.stderr).toContain(
      `Writing ${ws.credentialsFile} hit the file size limit (ulimit -f) or the disk is full.`,
    );
    expect(out.code).toBe(1);
    expect(readFileSync(ws.credentialsFile)).toEqual(original);
    expect(readdirSync(join(ws.home, '.aws')).sort()).toEqual(['credentials']);
    // Sanity: the same run without the limit works.
    expect(
      execFileSync(process.execPath, [CLI_BIN, 'assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
        env: ws.env,
        stdio: 'pipe',
      }),
    ).toBeDefined();
  });
});
