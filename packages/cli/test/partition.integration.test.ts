import { AWSTOOLS_CONFIG, type Moto, type TestUser, type Workspace, writeAwstConfig } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({ each: (account) => ({ moto, user, ws } = account) });

/** The form bodies of the recorded requests (moto's recorder keeps them, base64 when body_encoded). */
async function recordedBodies(endpoint: string): Promise<URLSearchParams[]> {
  await fetch(`${endpoint}/moto-api/recorder/stop-recording`, { method: 'POST' });
  const text = await (await fetch(`${endpoint}/moto-api/recorder/download-recording`)).text();
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { body?: string; body_encoded?: boolean })
    .map(
      (r) =>
        new URLSearchParams(r.body_encoded ? Buffer.from(r.body ?? '', 'base64').toString() : (r.body ?? '')),
    );
}

describe('partitions', () => {
  it('an aws-cn MFA device: AssumeRole asks for the aws-cn role ARN (moto recorder)', async () => {
    const serial = user.mfaSerial.replace(/^arn:aws:/, 'arn:aws-cn:');
    writeAwstConfig(ws, `mfaSerial = "${serial}"\n${AWSTOOLS_CONFIG}`);
    await moto.startRecording();
    const out = await ws.awst(['assume', 'main-account', 'AdminAccess', '-t', '123456']);
    const bodies = await recordedBodies(moto.endpoint);
    expect(out.stderr + out.code).toMatch(/0$/);
    const assume = bodies.filter((b) => b.get('Action') === 'AssumeRole');
    expect(assume.map((b) => b.get('RoleArn'))).toEqual(['arn:aws-cn:iam::123456789012:role/AdminAccess']);
    expect(bodies.find((b) => b.get('Action') === 'GetSessionToken')?.get('SerialNumber')).toBe(serial);
  });
});
