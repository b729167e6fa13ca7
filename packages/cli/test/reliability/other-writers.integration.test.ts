import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AWSTOOLS_CONFIG, budget, type Moto, type TestUser, type Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from '../support/emulated-account.js';
import { record } from './record.js';

const SLOW_DISK = resolve(import.meta.dirname, '../support/slow-disk.cjs');
const PARALLEL = 40;
const ACCOUNTS = Array.from({ length: PARALLEL }, (_, i) => `acct-${String(i).padStart(2, '0')}`);
const CONFIG = `${AWSTOOLS_CONFIG}${ACCOUNTS.map((a) => `${a} = "123456789012"`).join('\n')}\n`;

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({ config: CONFIG, each: (account) => ({ moto, user, ws } = account) });

function sections(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\[(.*)\]$/gm)].map((m) => m[1]!);
}

function assumeAll(env: (i: number) => NodeJS.ProcessEnv = () => ({})) {
  return Promise.all(
    ACCOUNTS.map((account, i) =>
      ws.awst(['assume', account, 'DeveloperAccess', '-t', '123456'], { env: env(i), timeoutMs: 240_000 }),
    ),
  );
}

function expectAllAssumed(results: Awaited<ReturnType<typeof assumeAll>>): void {
  const failed = results.filter((r) => r.code !== 0).map((r) => r.stderr.trim());
  expect(failed).toEqual([]);
}

describe('one credentials file reached by two paths', () => {
  it(`12.2 [loss] ${PARALLEL} parallel assumes, half through a symlink and half naming the real file, keep all ${PARALLEL} profiles`, {
    timeout: budget({ processes: PARALLEL }),
  }, async () => {
    const dotfiles = join(ws.home, 'dotfiles');
    mkdirSync(dotfiles, { mode: 0o700 });
    const real = join(dotfiles, 'aws-credentials');
    renameSync(ws.credentialsFile, real);
    symlinkSync(real, ws.credentialsFile);
    await moto.startRecording();
    const results = await assumeAll((i) => (i % 2 ? { AWS_SHARED_CREDENTIALS_FILE: real } : {}));
    const calls = await moto.stopRecording();
    record({ runs: PARALLEL, faults: PARALLEL / 2 });
    expectAllAssumed(results);
    // One lock for both paths: the first run makes the MFA session, all others reuse it.
    expect(calls.filter((c) => c === 'GetSessionToken')).toHaveLength(1);
    const names = sections(real);
    expect(ACCOUNTS.filter((a) => !names.includes(`${a} DeveloperAccess`))).toEqual([]);
    expect(names.filter((n) => n === 'main-account')).toHaveLength(1);
    expect(readFileSync(real, 'utf8')).toContain(`aws_access_key_id = ${user.accessKeyId}`);
    expect(lstatSync(ws.credentialsFile).isSymbolicLink()).toBe(true);
  });
});

describe('another tool writing the same files', () => {
  it(`12.3 [loss] \`aws configure set\` in a loop beside ${PARALLEL} parallel assumes: none of its profiles is lost`, {
    timeout: budget({ processes: 2 * PARALLEL }),
  }, async () => {
    let done = false;
    let written = 0;
    const loop = (async () => {
      // Alternates between the two files awst writes: keys go to credentials, regions to config.
      while (!done || written < 4) {
        const i = written;
        const [key, value] = i % 2 ? ['region', `eu-west-${i}`] : ['aws_access_key_id', `AKIAOTHER${i}`];
        const code = await new Promise<number | null>((resolve) =>
          spawn('aws', ['configure', 'set', key, value, '--profile', `other-${i}`], {
            env: ws.env,
            stdio: 'ignore',
          }).on('close', resolve),
        );
        expect(code).toBe(0);
        written++;
      }
    })();
    // A slow disk: 100 ms before each of awst's renames, so the rival's writes land between read and rename.
    const results = await assumeAll(() => ({ NODE_OPTIONS: `--require ${SLOW_DISK}` }));
    done = true;
    await loop;
    record({ runs: PARALLEL + written, faults: written });
    expectAllAssumed(results);
    const credentials = sections(ws.credentialsFile);
    const config = sections(ws.configFile);
    const lost = Array.from({ length: written }, (_, i) => i).filter((i) =>
      i % 2 ? !config.includes(`profile other-${i}`) : !credentials.includes(`other-${i}`),
    );
    expect(lost.map((i) => `other-${i}`)).toEqual([]);
    expect(ws.aws(['configure', 'get', 'aws_access_key_id', '--profile', 'main-account']).stdout.trim()).toBe(
      user.accessKeyId,
    );
  });
});
