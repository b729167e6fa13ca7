import { readFileSync, statSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionInvalidError } from '../../src/aws/errors.js';
import * as store from '../../src/aws-files/profile-store.js';
import { AwsError, type AwstError, UsageError } from '../../src/errors.js';
import {
  ROTATING_FROM_KEY,
  ROTATION_STARTED_KEY,
  UNVERIFIED_KEY_ID_KEY,
} from '../../src/rotation/markers.js';
import { type RotateOptions, rotateKeys } from '../../src/rotation/rotate-keys.js';
import { getRoleCredentials } from '../../src/sessions/role-credentials.js';
import type { ChainContext } from '../../src/sessions/types.js';
import { chainContext, fakeIam, OLD_ID, OLD_SECRET, T0, tempCredentials } from './fake-iam.js';

// Lets a test make one particular write of the credentials file fail.
vi.mock('../../src/aws-files/profile-store.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/aws-files/profile-store.js')>();
  return { ...original, updateProfiles: vi.fn(original.updateProfiles) };
});

let now: Date;
let iam: ReturnType<typeof fakeIam>;
let paths: ReturnType<typeof tempCredentials>;
let ctx: ChainContext;
let codes: { asked: number };
let lines: string[];
let questions: string[];

const FAST_VERIFY = { timeoutMs: 50, initialDelayMs: 1 };

function options(extra: Partial<RotateOptions> = {}): RotateOptions {
  return {
    confirm: async (q) => {
      questions.push(q);
      return false;
    },
    log: (line) => lines.push(line),
    verify: FAST_VERIFY,
    confirmDelete: { confirmMs: 20 },
    ...extra,
  };
}
/** The file without the MFA session section a first run appends. */
const withoutSession = (text: string) => text.split('\n[main-account-mfa-session]')[0];
const file = () => readFileSync(paths.credentials, 'utf8');
const profile = (name: string) => store.readProfiles(paths).then((p) => p.credentials.get(name) ?? {});
/** The error a rejected promise carries. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as AwstError,
  );

beforeEach(() => {
  now = T0;
  iam = fakeIam(() => now);
  paths = tempCredentials();
  codes = { asked: 0 };
  ctx = chainContext(paths, iam.api, () => now, '', codes);
  lines = [];
  questions = [];
});

describe('rotate-keys happy path', () => {
  it('leaves IAM with exactly the new key, in every profile that held the old one, and no secret in any message', async () => {
    const before = file();
    const result = await rotateKeys(ctx, options());
    expect(result.oldKeyId).toBe(OLD_ID);
    expect(result.newKeyId).toBe('AKIANEW1EXAMPLE');
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    expect(await profile('main-account')).toEqual({
      aws_access_key_id: 'AKIANEW1EXAMPLE',
      aws_secret_access_key: 'new-secret-1',
    });
    expect((await profile('old-copy')).aws_access_key_id).toBe('AKIANEW1EXAMPLE');
    expect((await profile('old-copy')).aws_secret_access_key).toBe('new-secret-1');
    expect((await profile('unrelated')).aws_access_key_id).toBe('AKIAUNRELATEDEXAMPLE');
    // Everything but the keys of the two profiles is byte for byte as before; the session is appended.
    expect(withoutSession(file())).toBe(
      before.replaceAll(OLD_ID, 'AKIANEW1EXAMPLE').replaceAll(OLD_SECRET, 'new-secret-1'),
    );
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
    expect(JSON.stringify({ result, lines })).not.toMatch(/secret/);
    expect(codes.asked).toBe(1);
  });

  it('with a cached MFA session needs five calls (the delete confirmed by IAM), and the session and identity stay usable for the new key', async () => {
    await rotateKeys(ctx, options());
    iam.calls.length = 0;
    const second = await rotateKeys(ctx, options());
    expect(iam.calls).toEqual([
      'listAccessKeys',
      'createAccessKey',
      'getCallerIdentity',
      'deleteAccessKey',
      'listAccessKeys',
    ]);
    expect(codes.asked).toBe(1);
    expect((await profile('main-account-mfa-session')).awst_source_access_key_id).toBe(second.newKeyId);
  });

  it('asks for a new code when the cached session is too old for key self-service (4 h)', async () => {
    await rotateKeys(ctx, options());
    now = new Date(T0.getTime() + 241 * 60_000);
    await rotateKeys(ctx, options());
    expect(codes.asked).toBe(2);
  });

  it('takes the self-service MFA age from config.toml (selfServiceMfaMaxAgeMinutes), as the baseline sets it', async () => {
    ctx = chainContext(paths, iam.api, () => now, 'selfServiceMfaMaxAgeMinutes = 30', codes);
    await rotateKeys(ctx, options());
    now = new Date(T0.getTime() + 31 * 60_000);
    await rotateKeys(ctx, options());
    expect(codes.asked).toBe(2);
  });

  it('asks for a new code when AWS no longer accepts the cached session', async () => {
    await rotateKeys(ctx, options());
    iam.failOn(
      'listAccessKeys',
      new (await import('../../src/aws/errors.js')).SessionInvalidError('invalid'),
      1,
    );
    await rotateKeys(ctx, options());
    expect(codes.asked).toBe(2);
    expect(iam.keyIds()).toEqual(['AKIANEW2EXAMPLE']);
  });

  it('after a rotation, a session AWS invalidated is noticed at the next assume, which asks for a new code', async () => {
    await rotateKeys(ctx, options());
    iam.failOn(
      'assumeRole',
      new SessionInvalidError('The security token included in the request is invalid.'),
      1,
    );
    const role = await getRoleCredentials(ctx, {
      account: { name: 'main-account', id: '123456789012' },
      role: 'DeveloperAccess',
    });
    expect(role.source).toBe('new-mfa-session');
    expect(codes.asked).toBe(2);
    expect(iam.calls.slice(-3)).toEqual(['assumeRole', 'getSessionToken', 'assumeRole']);
  });

  it('--dry-run changes neither IAM nor the keys in the file', async () => {
    await rotateKeys(ctx, options()); // caches a session
    const before = file();
    const ids = iam.keyIds();
    iam.calls.length = 0;
    const result = await rotateKeys(ctx, options({ dryRun: true }));
    expect(result.dryRun).toBe(true);
    expect(iam.calls).toEqual(['listAccessKeys']);
    expect(file()).toBe(before);
    expect(iam.keyIds()).toEqual(ids);
    expect(lines.join('\n')).toMatch(/Would create a new access key/);
  });
});

describe('a second key the file does not hold', () => {
  it('is refused by name, status and age; IAM and the file stay as they were', async () => {
    iam.addKey('AKIAHANDMADEEXAMPLE', 'Active', new Date(T0.getTime() - 3 * 86_400_000));
    const before = file();
    const error = await failure(rotateKeys(ctx, options({ deleteInactive: true })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/AKIAHANDMADEEXAMPLE \(Active, created 3d 0h ago\)/);
    expect(error.message).toMatch(/awst rotate-keys --delete-key AKIAHANDMADEEXAMPLE/);
    expect(iam.keyIds()).toEqual(['AKIAHANDMADEEXAMPLE', OLD_ID]);
    expect(iam.calls).not.toContain('deleteAccessKey');
    expect(withoutSession(file())).toBe(before);
    expect(questions).toEqual([]);
  });

  it('an inactive one is deleted with --delete-inactive, refused without', async () => {
    iam.addKey('AKIAINACTIVEEXAMPLE', 'Inactive', new Date(T0.getTime() - 60_000 * 90));
    const refused = await failure(rotateKeys(ctx, options()));
    expect(refused.message).toMatch(
      /AKIAINACTIVEEXAMPLE \(Inactive, created 1h 30m ago\).*--delete-inactive/,
    );
    await rotateKeys(ctx, options({ deleteInactive: true }));
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    expect(lines[0]).toMatch(/Deleted AKIAINACTIVEEXAMPLE/);
  });

  it('an active one is deleted only with --delete-key <its id>', async () => {
    iam.addKey('AKIAHANDMADEEXAMPLE', 'Active', new Date(T0.getTime() - 86_400_000));
    await rotateKeys(ctx, options({ deleteKey: 'AKIAHANDMADEEXAMPLE' }));
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
  });

  it('--delete-key naming another id (or the key in the file) deletes nothing', async () => {
    iam.addKey('AKIAINACTIVEEXAMPLE', 'Inactive', new Date(T0.getTime() - 86_400_000));
    for (const id of ['AKIANOSUCHKEYEXAMPLE', OLD_ID]) {
      const error = await failure(rotateKeys(ctx, options({ deleteKey: id, deleteInactive: true })));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toContain(`--delete-key ${id}`);
    }
    expect(iam.keyIds()).toEqual(['AKIAINACTIVEEXAMPLE', OLD_ID]);
  });
});

describe('failures during a rotation', () => {
  it('a failed write deletes the new key again and leaves the file byte for byte', async () => {
    await rotateKeys(ctx, options({ dryRun: true })); // caches the session first
    const before = file();
    iam.after('createAccessKey', () => {
      vi.mocked(store.updateProfiles).mockRejectedValueOnce(new Error('EROFS: read-only file system'));
    });
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(
      /Could not write the new key .*EROFS.*AKIANEW1EXAMPLE was deleted again.*Nothing changed/,
    );
    expect(error.exitCode).toBe(1);
    expect(iam.keyIds()).toEqual([OLD_ID]);
    expect(file()).toBe(before);
  });

  it('a failed write whose clean-up delete fails too names the orphan and how to remove it', async () => {
    iam.after('createAccessKey', () => {
      vi.mocked(store.updateProfiles).mockRejectedValueOnce(new Error('ENOSPC'));
      iam.failOn('deleteAccessKey', new AwsError('network down'), 1);
    });
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(
      /still holds AKIAOLDKEYEXAMPLE.*awst rotate-keys --delete-key AKIANEW1EXAMPLE/,
    );
    expect((await profile('main-account')).aws_access_key_id).toBe(OLD_ID);
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE', OLD_ID]);
    // The next run recognises it as the orphan of this rotation.
    ctx.now = () => now;
    const refused = await failure(rotateKeys(ctx, options()));
    expect(refused.message).toMatch(/AKIANEW1EXAMPLE.*left by an interrupted rotation/);
    expect(questions[0]).toMatch(/Delete AKIANEW1EXAMPLE .*interrupted rotation/);
  });

  it('22.2 a key AWS does not accept in time: the file keeps the old key, the new one is kept beside it, and the next run finishes', async () => {
    iam.failOn('getCallerIdentity', new AwsError('InvalidClientTokenId'));
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(
      /AWS did not accept the new key AKIANEW1EXAMPLE within 0 s \(IAM can take longer to make a new key usable; its last answer: InvalidClientTokenId\)\. \[main-account\] of .*credentials holds the old key AKIAOLDKEYEXAMPLE, which works; the new key is kept beside it and both keys exist in IAM\. Finish the rotation in a minute or two with: awst rotate-keys$/,
    );
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE', OLD_ID]);
    const main = await profile('main-account');
    expect(main.aws_access_key_id).toBe(OLD_ID);
    expect(main.aws_secret_access_key).toBe(OLD_SECRET);
    expect(main[UNVERIFIED_KEY_ID_KEY]).toBe('AKIANEW1EXAMPLE');
    expect(main[ROTATING_FROM_KEY]).toBeUndefined();
    expect((await profile('old-copy')).aws_access_key_id).toBe(OLD_ID);
    expect(iam.calls.filter((c) => c === 'getCallerIdentity').length).toBeGreaterThan(1);
    // The chain says so (a note), and works with the old key meanwhile.
    const notes: string[] = [];
    ctx.note = (line) => notes.push(line);
    await getRoleCredentials(ctx, { account: ctx.config.accounts[0]!, role: 'DeveloperAccess' }).catch(
      () => {},
    );
    expect(notes.join('\n')).toMatch(
      /A key rotation is unfinished: AWS had not accepted the new key AKIANEW1EXAMPLE yet.*Finish it with: awst rotate-keys/,
    );

    // Still not accepted: nothing changes, the message says so.
    const again = await failure(rotateKeys(ctx, options()));
    expect(again.message).toMatch(
      /AWS still does not accept the new key AKIANEW1EXAMPLE .*holds the old key AKIAOLDKEYEXAMPLE, which works/,
    );
    expect((await profile('main-account')).aws_access_key_id).toBe(OLD_ID);

    // `awst rotate-keys` once AWS accepts it: the new key goes in and the old one is deleted.
    iam.failOn('getCallerIdentity', new AwsError('x'), 0);
    const finished = await rotateKeys(ctx, options());
    expect(finished).toMatchObject({
      finishedInterrupted: true,
      oldKeyId: OLD_ID,
      newKeyId: 'AKIANEW1EXAMPLE',
    });
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    const after = await profile('main-account');
    expect(after).toEqual({ aws_access_key_id: 'AKIANEW1EXAMPLE', aws_secret_access_key: 'new-secret-1' });
    expect((await profile('old-copy')).aws_access_key_id).toBe('AKIANEW1EXAMPLE');
  });

  it('22.2 an interrupted rotation (the file holds the new key) whose key AWS does not accept is undone the same way', async () => {
    iam.failOn('deleteAccessKey', new AwsError('AccessDenied'), 1);
    await failure(rotateKeys(ctx, options()));
    expect((await profile('main-account'))[ROTATING_FROM_KEY]).toBe(OLD_ID);
    iam.failOn('getCallerIdentity', new AwsError('InvalidClientTokenId'));
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(/holds the old key AKIAOLDKEYEXAMPLE again, which works/);
    expect((await profile('main-account')).aws_access_key_id).toBe(OLD_ID);
  });

  it('a failed delete of the old key keeps both and says how to finish', async () => {
    iam.failOn('deleteAccessKey', new AwsError('AccessDenied'), 1);
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(
      /AKIANEW1EXAMPLE is in .* and works, but deleting the old key AKIAOLDKEYEXAMPLE was not confirmed \(AccessDenied\)\. IAM still lists both keys\. Finish with: awst rotate-keys/,
    );
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE', OLD_ID]);
    await rotateKeys(ctx, options());
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
  });

  it('12.10 [message] a delete whose answer was lost (the SDK retries and gets NoSuchEntity) completes the rotation', async () => {
    const deleteOnce = iam.api.deleteAccessKey;
    // What the SDK does when the first answer is lost: it sends the delete again, which finds no key.
    iam.api.deleteAccessKey = async (c, u, id) => {
      await deleteOnce(c, u, id);
      await deleteOnce(c, u, id);
    };
    const result = await rotateKeys(ctx, options());
    expect(result.newKeyId).toBe('AKIANEW1EXAMPLE');
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
    expect((await profile('main-account'))[ROTATING_FROM_KEY]).toBeUndefined();
    expect(iam.calls.slice(-2)).toEqual(['deleteAccessKey', 'listAccessKeys']);
  });

  it('12.10 NoSuchEntity while the old key is still listed is not taken for success', async () => {
    const { AwsServiceError } = await import('../../src/aws/errors.js');
    iam.failOn(
      'deleteAccessKey',
      new AwsServiceError('NoSuchEntity: The user with name alice cannot be found.', 'NoSuchEntity'),
      1,
    );
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(
      /deleting the old key AKIAOLDKEYEXAMPLE was not confirmed .*IAM still lists both keys/,
    );
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE', OLD_ID]);
  });

  it('a failed create that created nothing leaves the file byte for byte', async () => {
    await rotateKeys(ctx, options({ dryRun: true }));
    const before = file();
    iam.failOn('createAccessKey', new AwsError('Could not reach AWS (ECONNRESET).'), 1);
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(/ECONNRESET.*No key was created/);
    expect(file()).toBe(before);
  });

  it('a create whose answer was lost: the key is named, and removed by the next run with consent', async () => {
    iam.after('createAccessKey', () => {
      throw new AwsError('Could not reach AWS (ECONNRESET).');
    });
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(/IAM nevertheless shows a new key AKIANEW1EXAMPLE/);
    expect((await profile('main-account'))[ROTATION_STARTED_KEY]).toBeDefined();
    iam.after('createAccessKey', () => {});

    now = new Date(T0.getTime() + 5 * 60_000);
    await rotateKeys(ctx, options({ confirm: async () => true }));
    expect(lines.join('\n')).toMatch(/Deleted AKIANEW1EXAMPLE/);
    expect(iam.keyIds()).toEqual(['AKIANEW2EXAMPLE']);
    expect((await profile('main-account')).aws_access_key_id).toBe('AKIANEW2EXAMPLE');
    expect((await profile('main-account'))[ROTATION_STARTED_KEY]).toBeUndefined();
  });

  it('a crash between the create and the write: the orphan is refused without consent, deleted with it', async () => {
    // As the file and IAM look after a crash right after CreateAccessKey.
    await store.updateProfiles(paths, {
      credentials: { 'main-account': { [ROTATION_STARTED_KEY]: T0.toISOString() } },
    });
    iam.addKey('AKIAORPHANEXAMPLE', 'Active', new Date(T0.getTime() + 2000));
    now = new Date(T0.getTime() + 3_600_000);
    const before = file();
    const refused = await failure(rotateKeys(ctx, options()));
    expect(refused.message).toMatch(
      /AKIAORPHANEXAMPLE .*interrupted rotation.*--delete-key AKIAORPHANEXAMPLE/,
    );
    expect(iam.keyIds()).toContain('AKIAORPHANEXAMPLE');
    expect(withoutSession(file())).toBe(before);

    await rotateKeys(ctx, options({ confirm: async () => true }));
    expect(iam.keyIds()).toEqual(['AKIANEW1EXAMPLE']);
  });

  it('a key made long after a stale start marker is not taken for an orphan', async () => {
    await store.updateProfiles(paths, {
      credentials: { 'main-account': { [ROTATION_STARTED_KEY]: T0.toISOString() } },
    });
    iam.addKey('AKIAHANDMADEEXAMPLE', 'Active', new Date(T0.getTime() + 3_600_000));
    const refused = await failure(rotateKeys(ctx, options({ confirm: async () => true })));
    expect(refused.message).not.toMatch(/interrupted/);
    expect(iam.keyIds()).toContain('AKIAHANDMADEEXAMPLE');
  });

  it('a crash after the old key was deleted: the next run only clears the marker and reports the rotation finished', async () => {
    await store.updateProfiles(paths, {
      credentials: {
        'main-account': {
          aws_access_key_id: 'AKIANEWKEYEXAMPLE',
          aws_secret_access_key: 'n',
          [ROTATING_FROM_KEY]: OLD_ID,
        },
      },
    });
    iam.keys.clear();
    iam.addKey('AKIANEWKEYEXAMPLE', 'Active', T0);
    iam.keys.get('AKIANEWKEYEXAMPLE')!.secret = 'n';
    const result = await rotateKeys(ctx, options());
    expect(result).toMatchObject({
      finishedInterrupted: true,
      oldKeyId: OLD_ID,
      newKeyId: 'AKIANEWKEYEXAMPLE',
    });
    expect(iam.calls).not.toContain('createAccessKey');
    expect((await profile('main-account'))[ROTATING_FROM_KEY]).toBeUndefined();
  });

  it('a key in the file that IAM does not know is reported, nothing is created', async () => {
    iam.keys.clear();
    iam.addKey('AKIAOTHEREXAMPLE', 'Active', T0);
    const before = file();
    const error = await failure(rotateKeys(ctx, options()));
    expect(error.message).toMatch(/AKIAOLDKEYEXAMPLE in \[main-account\] is not one of alice's access keys/);
    expect(error.message).not.toContain(OLD_SECRET);
    expect(iam.calls).not.toContain('createAccessKey');
    // The key in the file (OLD_SECRET in [main-account]) and all else stay; only the MFA session is added.
    expect(withoutSession(file())).toBe(before);
    expect(before).toContain(`aws_secret_access_key = ${OLD_SECRET}`);
  });
});
