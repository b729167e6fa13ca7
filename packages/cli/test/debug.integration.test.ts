import { readFileSync } from 'node:fs';
import type { Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

let ws: Workspace;
useEmulatedAccount({ each: (account) => ({ ws } = account) });

/** Every secret the credentials file holds: the user's key and each stored session's secret and token. */
function secretsIn(file: string): string[] {
  const values = [
    ...readFileSync(file, 'utf8').matchAll(/^\s*aws_(secret_access_key|session_token)\s*=\s*(.+)$/gm),
  ];
  return values.map((match) => match[2]!.trim()).filter((value) => value.length > 0);
}

const debugLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('awst[debug]: '));

describe('awst --debug', () => {
  it('prints the chain decisions on stderr, and never a secret', async () => {
    const cold = await ws.awst(['--debug', 'assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(cold.code).toBe(0);
    const coldLines = debugLines(cold.stderr).join('\n');
    expect(coldLines).toMatch(/reuse window role=DeveloperAccess mode=session .*reuseWindowMinutes=\d+/);
    expect(coldLines).toMatch(
      /cached role credentials not reused profile="main-account DeveloperAccess" reason="none stored for this role"/,
    );
    expect(coldLines).toMatch(
      /MFA device chosen from ListMFADevices mfaSerial=arn:aws:iam::123456789012:mfa\/\S+ .*why="none remembered"/,
    );
    expect(coldLines).toMatch(/new MFA session \(GetSessionToken\) .*why="no MFA session cached"/);
    expect(coldLines).toMatch(/asking for an MFA code mfaSerial=\S+ attempt=1 why="no MFA session cached"/);
    expect(coldLines).toMatch(
      /AssumeRole from the MFA session roleArn=arn:aws:iam::123456789012:role\/DeveloperAccess mode=session durationMinutes=60/,
    );

    const cached = await ws.awst(['--debug', 'assume', 'main-account', 'DeveloperAccess']);
    expect(cached.code).toBe(0);
    expect(debugLines(cached.stderr).join('\n')).toMatch(
      /reusing cached role credentials profile="main-account DeveloperAccess" roleArn=\S+ minutesLeft=\d+(\.\d)? reuseWindowMinutes=\d+ when="before the lock"/,
    );

    const forced = await ws.awst(['assume', '--debug', 'main-account', 'AdminAccess', '--force']);
    expect(forced.code).toBe(0);
    const forcedLines = debugLines(forced.stderr).join('\n');
    expect(forcedLines).toMatch(
      /cached role credentials not reused profile="main-account AdminAccess" reason="refresh asked for \(--force\)"/,
    );
    expect(forcedLines).toMatch(/MFA device remembered with the MFA session mfaSerial=\S+ user=alice/);
    expect(forcedLines).toMatch(
      /reusing the cached MFA session mfaAgeMinutes=\d+ mfaMaxAgeMinutes=\d+ minutesLeft=\d+/,
    );
    expect(forcedLines).not.toMatch(/asking for an MFA code/);

    // credential_process prints the secrets on stdout (the protocol), never with the debug lines on stderr.
    const process = await ws.awst(['--debug', 'credential-process', 'main-account', 'DeveloperAccess']);
    expect(process.code).toBe(0);
    expect(debugLines(process.stderr).length).toBeGreaterThan(0);

    const secrets = secretsIn(ws.credentialsFile);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const run of [cold, cached, forced, process]) {
      for (const secret of secrets) expect(run.stderr).not.toContain(secret);
    }
  });

  it('prints no decision without --debug', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('awst[debug]');
  });
});
