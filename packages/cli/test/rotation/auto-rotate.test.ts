import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsError } from '../../src/errors.js';
import { autoRotation } from '../../src/rotation/auto-rotate.js';
import { getRoleCredentials } from '../../src/sessions/role-credentials.js';
import type { ChainContext } from '../../src/sessions/types.js';
import { chainContext, fakeIam, OLD_ID, T0, tempCredentials } from './fake-iam.js';

const ACCOUNT = { name: 'main-account', id: '123456789012' };
let now: Date;
let iam: ReturnType<typeof fakeIam>;
let paths: ReturnType<typeof tempCredentials>;
let notes: string[];
let warnings: string[];

/** A chain context with automatic rotation hooked in, as commands/wiring.ts wires it. */
function context(interval: number): ChainContext {
  const ctx = chainContext(paths, iam.api, () => now, `keyRotationIntervalMinutes = ${interval}`);
  ctx.afterNewMfaSession = autoRotation(ctx, {
    note: (l) => notes.push(l),
    warn: (l) => warnings.push(l),
  });
  return ctx;
}
const assume = (ctx: ChainContext) => getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
const mainKeyId = () =>
  /\[main-account\]\naws_access_key_id = (\S+)/.exec(readFileSync(paths.credentials, 'utf8'))?.[1];

beforeEach(() => {
  now = T0; // the fake's original key is 9 days old
  iam = fakeIam(() => now);
  paths = tempCredentials();
  notes = [];
  warnings = [];
});

describe('automatic rotation after a new MFA session', () => {
  it('is off with keyRotationIntervalMinutes = 0: no key calls at all', async () => {
    await assume(context(0));
    expect(iam.calls).toEqual(['listMfaDevices', 'getSessionToken', 'assumeRole']);
    expect(mainKeyId()).toBe(OLD_ID);
  });

  it('leaves a key younger than the interval alone', async () => {
    await assume(context(10 * 24 * 60));
    expect(iam.calls.slice(3)).toEqual(['listAccessKeys']);
    expect(mainKeyId()).toBe(OLD_ID);
    expect(notes).toEqual([]);
  });

  it('rotates a key older than the interval (judged by IAM CreateDate) and says so', async () => {
    const result = await assume(context(7 * 24 * 60));
    expect(result.source).toBe('new-mfa-session');
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    expect(mainKeyId()).toBe('AKIANEW1EXAMPLE');
    expect(notes[0]).toMatch(/Your access key is 9d 0h old \(rotation every 7d 0h\): rotating it\./);
    expect(notes.at(-1)).toMatch(/Rotated the access key of alice: AKIAOLDKEYEXAMPLE → AKIANEW1EXAMPLE/);
    expect(warnings).toEqual([]);
  });

  it('does nothing when the session was cached: only a new MFA session triggers it', async () => {
    const ctx = context(7 * 24 * 60);
    await assume(ctx);
    iam.calls.length = 0;
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
    expect(iam.calls).toEqual(['assumeRole']);
  });

  it('a failure is a warning: the role credentials still arrive and the old key stays', async () => {
    iam.failOn(
      'createAccessKey',
      new AwsError('create an access key (iam:CreateAccessKey) failed: AccessDenied.'),
    );
    const result = await assume(context(60));
    expect(result.credentials.accessKeyId).toBe('ASIAROLEEXAMPLE');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^automatic key rotation failed: .*AccessDenied.*run awst rotate-keys to retry/,
    );
    expect(mainKeyId()).toBe(OLD_ID);
    expect(iam.keyIds()).toEqual([OLD_ID]);
  });

  it('a second key is a warning, not a prompt, and nothing is deleted', async () => {
    iam.addKey('AKIAHANDMADEEXAMPLE', 'Inactive', T0);
    await assume(context(60));
    expect(warnings[0]).toMatch(/AKIAHANDMADEEXAMPLE.*--delete-inactive/);
    expect(iam.keyIds()).toEqual(['AKIAHANDMADEEXAMPLE', OLD_ID]);
  });

  /** A night later: the MFA session and the role keys have expired, the next assume is cold. */
  const nextDay = () => {
    now = new Date(now.getTime() + 86_400_000);
    iam.calls.length = 0;
  };

  it("14 remembers the key's CreateDate: the first cold assume makes 4 calls, a later one 2", async () => {
    const ctx = context(30 * 24 * 60);
    await assume(ctx);
    expect(iam.calls).toEqual(['listMfaDevices', 'getSessionToken', 'assumeRole', 'listAccessKeys']);
    expect(readFileSync(paths.credentials, 'utf8')).toContain(
      `awst_source_key_created_at = ${new Date(T0.getTime() - 9 * 86_400_000).toISOString()}`,
    );
    nextDay();
    await assume(ctx);
    expect(iam.calls).toEqual(['getSessionToken', 'assumeRole']);
  });

  it('14 the remembered date still triggers the rotation once the key is old enough', async () => {
    const ctx = context(10 * 24 * 60);
    await assume(ctx);
    expect(iam.keyIds()).toEqual([OLD_ID]);
    nextDay(); // the key is now 10 days old
    await assume(ctx);
    expect(iam.calls.slice(0, 3)).toEqual(['getSessionToken', 'assumeRole', 'listAccessKeys']);
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
  });

  it('14 after a rotation the new key is known (awst made it): the next cold assume asks IAM nothing more', async () => {
    const ctx = context(7 * 24 * 60);
    await assume(ctx);
    expect(mainKeyId()).toBe('AKIANEW1EXAMPLE');
    nextDay();
    await assume(ctx);
    expect(iam.calls).toEqual(['getSessionToken', 'assumeRole']);
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
  });

  it('14 a key replaced by hand (aws configure) is looked up again, never judged by the old date', async () => {
    const ctx = context(30 * 24 * 60);
    await assume(ctx);
    iam.addKey('AKIAHANDMADEEXAMPLE', 'Active', new Date(T0.getTime() - 40 * 86_400_000));
    const text = readFileSync(paths.credentials, 'utf8');
    writeFileSync(
      paths.credentials,
      text.replace(
        /\[main-account\]\naws_access_key_id = \S+\naws_secret_access_key = \S+/,
        '[main-account]\naws_access_key_id = AKIAHANDMADEEXAMPLE\naws_secret_access_key = AKIAHANDMADEEXAMPLE-secret',
      ),
    );
    nextDay();
    iam.keys.delete(OLD_ID);
    await assume(ctx);
    expect(iam.calls.slice(0, 4)).toEqual([
      'listMfaDevices',
      'getSessionToken',
      'assumeRole',
      'listAccessKeys',
    ]);
    expect(notes.at(-1)).toMatch(/Rotated the access key of alice: AKIAHANDMADEEXAMPLE → AKIANEW1EXAMPLE/);
  });

  it('22.5 callers of the chain do not wait while the rotation waits for AWS to accept the new key', async () => {
    const ctx = context(7 * 24 * 60);
    const check = iam.api.getCallerIdentity;
    let release!: () => void;
    const accepted = new Promise<void>((r) => {
      release = r;
    });
    let checking = false;
    iam.api.getCallerIdentity = async (key, options) => {
      checking = true;
      await accepted;
      return check(key, options);
    };
    const rotating = assume(ctx);
    await vi.waitFor(() => expect(checking).toBe(true), { timeout: 5000 });
    // Another role with the cached MFA session: the chain lock is free while the new key is checked.
    const other = await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
    expect(other.source).toBe('mfa-session');
    expect(mainKeyId()).toBe(OLD_ID);
    release();
    await rotating;
    expect(mainKeyId()).toBe('AKIANEW1EXAMPLE');
    expect(warnings).toEqual([]);
  });
});
