import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  CLI_BIN,
  type Moto,
  runProcess,
  type TestUser,
  type Workspace,
} from '@awst/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliForUser } from '../support/cli-for-user.js';
import { useEmulatedAccount } from '../support/emulated-account.js';
import { record } from './record.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({ each: (account) => ({ moto, user, ws } = account) });

const ASSUME = ['assume', 'main-account', 'DeveloperAccess', '-t', '123456'];

async function assumeWith(credentials: string) {
  const out = await ws.awst(ASSUME, { env: { AWS_SHARED_CREDENTIALS_FILE: credentials } });
  record({ runs: 1, faults: 1 });
  expect(out.signal).toBeNull();
  expect(out.stderr).not.toMatch(/unexpected error|at .*\.js/);
  return out;
}

describe('what sits where the credentials file should be', () => {
  it('12.9 [hang] a FIFO: refused at once, nothing waits for a writer', async () => {
    const fifo = join(ws.home, '.aws', 'fifo');
    execFileSync('mkfifo', [fifo]);
    const out = await assumeWith(fifo);
    expect(out.stderr).toContain(
      `${fifo} is a named pipe (FIFO); awst reads and writes only a regular file there.`,
    );
    expect(out.code).toBe(1);
    const cached = await ws.awst(['credential-process', 'main-account', 'DeveloperAccess'], {
      env: { AWS_SHARED_CREDENTIALS_FILE: fifo },
    });
    record({ runs: 1, faults: 1 });
    expect(cached.signal).toBeNull();
    expect(cached.stderr).toContain('is a named pipe (FIFO)');
  });

  it('12.13 [message] a read-only (0400) credentials file is respected, not replaced, and the message says so', async () => {
    chmodSync(ws.credentialsFile, 0o400);
    const before = readFileSync(ws.credentialsFile);
    const out = await assumeWith(ws.credentialsFile);
    expect(out.stderr).toContain(
      `${ws.credentialsFile} is read-only (mode 0400), so awst leaves it as it is. To let awst update it: chmod 600 ${ws.credentialsFile}`,
    );
    expect(out.code).toBe(1);
    expect(readFileSync(ws.credentialsFile)).toEqual(before);
    expect(statSync(ws.credentialsFile).mode & 0o777).toBe(0o400);
  });

  it('12.13 [message] a folder (EISDIR), a file in the path (ENOTDIR) and a link loop (ELOOP) each get one sentence', async () => {
    const folder = join(ws.home, 'folder');
    mkdirSync(folder);
    expect((await assumeWith(folder)).stderr).toMatch(
      /folder is a folder; awst reads and writes only a regular file there\. Replace it/,
    );
    const below = join(ws.credentialsFile, 'below');
    expect((await assumeWith(below)).stderr).toContain(
      `A part of the path ${below} is a file where a folder should be.`,
    );
    symlinkSync('loop-b', join(ws.home, 'loop-a'));
    symlinkSync('loop-a', join(ws.home, 'loop-b'));
    expect((await assumeWith(join(ws.home, 'loop-a'))).stderr).toMatch(
      /loop-a is a loop of symbolic links\./,
    );
  });

  it('11.8 [message] a credentials file in a folder every user can write to is refused, with the fix', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'awst-shared-'));
    chmodSync(shared, 0o777);
    const file = join(shared, 'credentials');
    writeFileSync(file, readFileSync(ws.credentialsFile), { mode: 0o600 });
    const before = readFileSync(file);
    const out = await assumeWith(file);
    expect(out.stderr).toMatch(/Refusing to write .*credentials: its folder .* is writable by every user/);
    expect(out.code).toBe(1);
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(shared)).toEqual(['credentials']);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(
    `12.13 [message] a read-only file system (EROFS) is named with the fix${root ? '' : ' — skipped: remounting needs root'}`,
    async () => {
      const mount = mkdtempSync(join(tmpdir(), 'awst-rofs-'));
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mount]).status).toBe(0);
      try {
        const file = join(mount, 'credentials');
        writeFileSync(file, readFileSync(ws.credentialsFile), { mode: 0o600 });
        expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
        const out = await assumeWith(file);
        // awst stops at its lock beside the file, before any AWS call would be wasted on a write that must fail.
        expect(out.stderr).toMatch(
          /credentials(\.awst-chain\.lock)? is on a read-only file system\. Remount it writable/,
        );
        expect(out.code).toBe(1);
      } finally {
        spawnSync('umount', [mount]);
      }
    },
  );
});

describe.skipIf(process.getuid?.() !== 0)('permissions, run as an ordinary user (nobody)', () => {
  const nobody = (command: string, args: string[]) => [
    'setpriv',
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    command,
    ...args,
  ];
  // The CLI where nobody can reach it: the checkout itself, or a copy when the checkout is out of its reach.
  let cli: ReturnType<typeof cliForUser>;
  beforeAll(() => {
    cli = cliForUser(nobody);
    if (cli.skip) console.warn(`skipping the tests run as nobody: ${cli.skip}`);
  });
  afterAll(() => cli?.remove());
  beforeEach(({ skip }) => skip(cli.skip !== undefined, cli.skip));

  /** awst run as uid 65534 on this workspace, which that user owns except where a test says otherwise. */
  function asNobody() {
    execFileSync('chown', ['-R', '65534:65534', ws.home]);
    return (fix: () => void) => {
      fix();
      const [command, ...args] = nobody(process.execPath, [cli.bin!, ...ASSUME]);
      return runProcess(command!, args, ws.env);
    };
  }

  it('12.13 [message] a credentials file the user cannot read (EACCES) is named, with the fix', async () => {
    const out = await asNobody()(() => execFileSync('chown', ['0:0', ws.credentialsFile]));
    record({ runs: 1, faults: 1 });
    expect(out.stderr).toContain(
      `Permission denied on ${ws.credentialsFile} or its folder. awst must read the file and create files in its folder: check owner and mode with ls -l.`,
    );
    expect(out.code).toBe(1);
  });

  it('12.13 [message] a folder the user cannot write to (EACCES): file byte-identical, message names it', async () => {
    const before = readFileSync(ws.credentialsFile);
    const out = await asNobody()(() => {
      execFileSync('chown', ['0:0', join(ws.home, '.aws')]);
      chmodSync(join(ws.home, '.aws'), 0o755);
    });
    record({ runs: 1, faults: 1 });
    expect(out.stderr).toMatch(/Permission denied on .*credentials.* or its folder\./);
    expect(out.stderr).not.toMatch(/unexpected error/);
    expect(out.code).toBe(1);
    expect(readFileSync(ws.credentialsFile)).toEqual(before);
  });
});

describe('a lock left by a killed awst', () => {
  it('12.13 [lockout] kill -9 while awst holds the lock: the next run takes it over at once, the owner being gone', async () => {
    writeFileSync(ws.awstConfigFile, `mfaProcess = "sleep 120; echo 123456"\n${AWSTOOLS_CONFIG}`);
    const holder = spawn(process.execPath, [CLI_BIN, 'assume', 'main-account', 'DeveloperAccess'], {
      env: ws.env,
      stdio: 'ignore',
      detached: true,
    });
    const owner = join(`${ws.credentialsFile}.awst-chain.lock`, 'owner');
    await vi.waitFor(() => expect(existsSync(owner)).toBe(true), { timeout: 20_000, interval: 50 });
    process.kill(-holder.pid!, 'SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const out = await ws.awst(ASSUME);
    record({ runs: 2, faults: 1 });
    expect(out.stderr).not.toMatch(/waiting for/);
    expect(out.code).toBe(0);
  });

  it('12.13 [message] a fresh lock without an owner (an older awst): the wait is announced, then the lock is taken over', async () => {
    mkdirSync(`${ws.credentialsFile}.awst-chain.lock`);
    const out = await ws.awst(ASSUME);
    record({ runs: 1, faults: 1 });
    expect(out.stderr).toMatch(
      /awst: waiting for another awst process, which holds .*credentials\.awst-chain\.lock; awst takes it over when that process is gone, or after 10 s without a sign of life/,
    );
    expect({ code: out.code, stderr: out.stderr }).toMatchObject({ code: 0 });
  });
});
