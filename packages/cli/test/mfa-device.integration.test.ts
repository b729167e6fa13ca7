// The user replaced their phone and enrolled a new virtual MFA device under another name: the device awst
// remembered is gone. On AWS a code is checked against the device named, so the proxy answers a code for
// the old serial as AWS would (moto checks no codes); moto keeps IAM's real device list.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budget, EMULATOR_ADMIN_ENV, type Moto, type TestUser, type Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { startAwsProxy } from './rotation/aws-proxy.js';
import { useFreshUserPerTest } from './support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useFreshUserPerTest({
  roles: { DeveloperAccess: 3600 },
  userPrefix: 'phone',
  each: (account) => ({ moto, user, ws } = account),
});

const ADMIN = EMULATOR_ADMIN_ENV;

function replacePhone(): string {
  const admin = (args: string[]) => {
    const out = ws.aws(['iam', ...args, '--output', 'json'], ADMIN);
    expect(out.stderr).toBe('');
    return out.stdout ? JSON.parse(out.stdout) : undefined;
  };
  admin(['deactivate-mfa-device', '--user-name', user.userName, '--serial-number', user.mfaSerial]);
  admin(['delete-virtual-mfa-device', '--serial-number', user.mfaSerial]);
  const created = admin([
    'create-virtual-mfa-device',
    '--virtual-mfa-device-name',
    `${user.userName}-new-phone`,
    '--outfile',
    join(ws.home, 'seed.txt'),
    '--bootstrap-method',
    'Base32StringSeed',
  ]);
  const serial: string = created.VirtualMFADevice.SerialNumber;
  admin([
    'enable-mfa-device',
    '--user-name',
    user.userName,
    '--serial-number',
    serial,
    '--authentication-code1',
    '123456',
    '--authentication-code2',
    '654321',
  ]);
  return serial;
}

describe('a replaced MFA device', () => {
  it('the next assume tries the same code with the new device, says so, and remembers it', {
    timeout: budget({ processes: 6 }),
  }, async () => {
    expect((await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'])).code).toBe(0);
    expect(readFileSync(ws.credentialsFile, 'utf8')).toContain(`awst_mfa_serial = ${user.mfaSerial}`);
    const newSerial = replacePhone();
    // As after a night: the MFA session and the role credentials expired, the identity is remembered.
    const text = readFileSync(ws.credentialsFile, 'utf8');
    writeFileSync(
      ws.credentialsFile,
      text.replace(/awst_expiration = .*/g, 'awst_expiration = 2000-01-01T00:00:00.000Z'),
    );

    const proxy = await startAwsProxy(moto.endpoint);
    try {
      proxy.rejectMfaSerial = user.mfaSerial;
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '234567'], {
        env: { AWS_ENDPOINT_URL: proxy.endpoint },
      });
      expect(out.stderr).toContain(
        `The MFA device awst remembered (${user.mfaSerial}) is no longer assigned to ${user.userName}: using ${newSerial}.`,
      );
      expect(out.code).toBe(0);
      expect(proxy.forwarded).toEqual(['GetSessionToken', 'ListMFADevices', 'GetSessionToken', 'AssumeRole']);
    } finally {
      await proxy.close();
    }
    const after = readFileSync(ws.credentialsFile, 'utf8');
    expect(after).toContain(`awst_mfa_serial = ${newSerial}`);
    expect(after).not.toContain(user.mfaSerial);
    expect(ws.callerArn('main-account DeveloperAccess')).toMatch(/assumed-role\/DeveloperAccess\/phone\d+$/);
  });
});
