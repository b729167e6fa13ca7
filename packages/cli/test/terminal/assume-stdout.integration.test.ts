import { spawn } from 'node:child_process';
import {
  CLI_BIN,
  hasCommand,
  type Moto,
  startEmulatedAccount,
  type TestUser,
  userWorkspace,
  withAwstOnPath,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs a bash command on a real pseudo-terminal (util-linux `script`) and returns what the terminal showed. */
function onTerminal(command: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (chunk) => {
      screen += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(screen.replace(/\r/g, ''));
    });
  });
}

describe.skipIf(!hasCommand('script'))('awst assume and its stdout', () => {
  let moto: Moto;
  let user: TestUser;
  beforeAll(async () => {
    ({ moto, user } = await startEmulatedAccount());
  });
  afterAll(() => moto?.stop());

  it('on a terminal prints no shell lines; captured by eval "$(…)" it prints the AWS_PROFILE lines', async () => {
    const ws = userWorkspace(moto.endpoint, user);
    const env = { ...withAwstOnPath(ws), TERM: 'dumb', SHELL: '/bin/bash' };
    const awst = `"${process.execPath}" "${CLI_BIN}" assume main-account DeveloperAccess -t 123456`;
    const screen = await onTerminal(
      `${awst}; echo "EXIT=$?"; eval "$(${awst})"; echo "PROFILE=$AWS_PROFILE"`,
      env,
    );
    const [direct, evaluated] = screen.split('EXIT=');
    expect(direct).toContain('assumed: profile "main-account DeveloperAccess"');
    expect(direct).not.toContain('AWS_PROFILE');
    expect(evaluated).toMatch(/^0\n/);
    expect(evaluated).toContain('PROFILE=main-account DeveloperAccess\n');
    expect(evaluated).not.toContain('export ');
  });
});
