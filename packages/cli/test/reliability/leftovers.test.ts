import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readProfiles, updateProfiles } from '../../src/aws-files/profile-store.js';
import { ROTATION_STARTED_KEY } from '../../src/rotation/markers.js';
import { type RotateOptions, rotateKeys } from '../../src/rotation/rotate-keys.js';
import type { ChainContext } from '../../src/sessions/types.js';
import { chainContext, fakeIam, OLD_ID, OLD_SECRET, T0, tempCredentials } from '../rotation/fake-iam.js';
import { record } from './record.js';

/** A pid no process has: one that just exited. */
function deadPid(): number {
  // /bin/true starts in a millisecond; node took ~100 ms.
  const { pid, status } = spawnSync('true');
  if (status !== 0 || !pid) throw new Error('could not run true');
  return pid;
}

let now: Date;
let iam: ReturnType<typeof fakeIam>;
let paths: ReturnType<typeof tempCredentials>;
let ctx: ChainContext;
let lines: string[];
let dir: string;

function options(extra: Partial<RotateOptions> = {}): RotateOptions {
  return {
    confirm: async () => false,
    log: (l) => lines.push(l),
    verify: { timeoutMs: 50, initialDelayMs: 1 },
    ...extra,
  };
}

beforeEach(() => {
  now = T0;
  iam = fakeIam(() => now);
  paths = tempCredentials();
  dir = dirname(paths.credentials);
  ctx = chainContext(paths, iam.api, () => now, '', { asked: 0 });
  lines = [];
});

/** The file and IAM as a rotation killed -9 while writing the new key leaves them. */
async function killedWhileWritingNewKey(secretInLeftover: string): Promise<string> {
  await updateProfiles(paths, {
    credentials: { 'main-account': { [ROTATION_STARTED_KEY]: T0.toISOString() } },
  });
  iam.addKey('AKIAORPHANEXAMPLE', 'Active', new Date(T0.getTime() + 2000));
  // The new text had the new key in every profile that held the old one.
  const text = readFileSync(paths.credentials, 'utf8')
    .replaceAll(OLD_ID, 'AKIAORPHANEXAMPLE')
    .replaceAll(OLD_SECRET, secretInLeftover);
  const leftover = join(dir, `.credentials.awst-${deadPid()}-0123456789abcdef.tmp`);
  writeFileSync(leftover, text, { mode: 0o600 });
  return leftover;
}

describe('leftovers of a killed writer', () => {
  it('12.11 [loss] the new key of a rotation killed while writing it is taken from the leftover, and the rotation finished', async () => {
    const leftover = await killedWhileWritingNewKey('AKIAORPHANEXAMPLE-secret');
    const result = await rotateKeys(ctx, options());
    record({ runs: 1, faults: 1 });
    expect(result).toMatchObject({
      finishedInterrupted: true,
      oldKeyId: OLD_ID,
      newKeyId: 'AKIAORPHANEXAMPLE',
    });
    expect(lines.join('\n')).toMatch(
      /Finishing an interrupted rotation: .* → AKIAORPHANEXAMPLE, whose secret was in a temporary file/,
    );
    expect(iam.keyIds()).toEqual(['AKIAORPHANEXAMPLE']);
    expect(iam.calls).not.toContain('createAccessKey');
    const main = (await readProfiles(paths)).credentials.get('main-account')!;
    expect(main.aws_access_key_id).toBe('AKIAORPHANEXAMPLE');
    expect(main.aws_secret_access_key).toBe('AKIAORPHANEXAMPLE-secret');
    expect(main[ROTATION_STARTED_KEY]).toBeUndefined();
    expect(readdirSync(dir)).not.toContain(leftover.split('/').pop());
  });

  it('12.11 [loss] a leftover cut short (a truncated secret AWS refuses) is not used: the old key stays, the orphan is named', async () => {
    await killedWhileWritingNewKey('AKIAORPHANEXAMPLE-sec');
    const before = (await readProfiles(paths)).credentials.get('main-account');
    await expect(rotateKeys(ctx, options())).rejects.toThrow(/AKIAORPHANEXAMPLE .*interrupted rotation/);
    record({ runs: 1, faults: 1 });
    expect((await readProfiles(paths)).credentials.get('main-account')).toEqual(before);
    expect(iam.keyIds()).toContain(OLD_ID);
  });

  it('12.11 [loss] leftovers holding nothing new (ours and write-file-atomic’s credentials.<n>) are removed by the next write; live writers’ files stay', async () => {
    const dead = deadPid();
    const copy = readFileSync(paths.credentials);
    writeFileSync(join(dir, `.credentials.awst-${dead}-00ff.tmp`), copy, { mode: 0o600 });
    writeFileSync(join(dir, 'credentials.2345678901'), copy, { mode: 0o600 });
    writeFileSync(join(dir, `.credentials.awst-${process.pid}-00aa.tmp`), copy, { mode: 0o600 });
    writeFileSync(join(dir, 'credentials.bak'), copy, { mode: 0o600 });
    await updateProfiles(paths, { credentials: { x: { k: 'v' } } });
    record({ runs: 1, faults: 2 });
    expect(readdirSync(dir).sort()).toEqual(
      [`.credentials.awst-${process.pid}-00aa.tmp`, 'credentials', 'credentials.bak'].sort(),
    );
  });
});

describe('another program rewriting the file during a rotation', () => {
  it('12.2 [lockout] a stale copy written back while the new key is checked: the new key goes into the file as it is now', async () => {
    const stale = readFileSync(paths.credentials);
    let created = false;
    iam.after('createAccessKey', () => {
      created = true;
    });
    // While the new key is being checked, a program writes back the copy it read earlier.
    const verify = iam.api.getCallerIdentity;
    iam.api.getCallerIdentity = async (credentials) => {
      if (created) writeFileSync(paths.credentials, stale);
      return verify(credentials);
    };
    const result = await rotateKeys(ctx, options());
    record({ runs: 1, faults: 1 });
    expect(result.newKeyId).toBe('AKIANEW1EXAMPLE');
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    expect(readFileSync(paths.credentials, 'utf8')).toMatch(
      /\[main-account\]\naws_access_key_id = AKIANEW1EXAMPLE/,
    );
  });

  it('12.2 [lockout] the old key is not deleted when the file holds another key by then', async () => {
    let created = false;
    iam.after('createAccessKey', () => {
      created = true;
    });
    const verify = iam.api.getCallerIdentity;
    iam.api.getCallerIdentity = async (credentials) => {
      if (created) {
        const text = readFileSync(paths.credentials, 'utf8');
        writeFileSync(
          paths.credentials,
          text.replace(
            `[main-account]\naws_access_key_id = ${OLD_ID}`,
            '[main-account]\naws_access_key_id = AKIABYHAND',
          ),
        );
      }
      return verify(credentials);
    };
    const error = await rotateKeys(ctx, options()).catch((e) => e);
    record({ runs: 1, faults: 1 });
    expect(error.message).toMatch(
      new RegExp(
        `AWS accepts the new key AKIANEW1EXAMPLE, but it could not be written to .*now holds AKIABYHAND instead of ${OLD_ID}.*so the old key ${OLD_ID} was not deleted: both keys exist in IAM`,
      ),
    );
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE', OLD_ID].sort());
  });
});
