import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CLI_BIN,
  hasCommand,
  type Moto,
  startEmulatedAccount,
  type TestUser,
  userWorkspace,
  type Workspace,
  withAwstOnPath,
} from '@awst/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';

/**
 * Runs a shell command on a real pseudo-terminal (util-linux `script`), answering the MFA prompt when it
 * appears. Returns everything the terminal showed.
 */
function onTerminal(
  command: string,
  env: NodeJS.ProcessEnv,
  answer: string,
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = false;
    const onData = (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && screen.includes('MFA code for')) {
        answered = true;
        child.stdin.write(answer === '\u0003' ? answer : `${answer}\r`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe.skipIf(!hasCommand('script'))('the MFA prompt on a terminal', () => {
  let moto: Moto;
  let user: TestUser;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ({ moto, user } = await startEmulatedAccount());
  });
  afterAll(() => moto?.stop());
  beforeEach(() => {
    ws = userWorkspace(moto.endpoint, user);
    env = { ...withAwstOnPath(ws), TERM: 'dumb', AWS_DEFAULT_REGION: 'eu-west-1' };
  });

  it('asks on the terminal while eval "$(awst assume … --export)" captures only the shell lines', async () => {
    const { code, screen } = await onTerminal(
      `out=$("${process.execPath}" "${CLI_BIN}" assume main-account DeveloperAccess --export --shell bash); echo "CAPTURED<<$out>>"`,
      env,
      '123456',
    );
    expect(code).toBe(0);
    const captured = /CAPTURED<<([\s\S]*?)>>/.exec(screen)?.[1] ?? '';
    expect(captured).toContain("export AWS_PROFILE='main-account DeveloperAccess'");
    expect(captured).not.toContain('MFA code');
    expect(screen).toContain('MFA code for arn:aws:iam::123456789012:mfa/alice-phone');
  });

  it('Ctrl-C at the prompt ends awst with 130 and leaves the files alone', async () => {
    const before = readFileSync(ws.credentialsFile, 'utf8');
    const { screen } = await onTerminal(
      `"${process.execPath}" "${CLI_BIN}" assume main-account DeveloperAccess; echo "EXIT=$?"`,
      env,
      '\u0003',
    );
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(readFileSync(ws.credentialsFile, 'utf8')).toBe(before);
  });

  it('credential_process prompts on /dev/tty when the AWS CLI holds its stdout and stderr', async () => {
    writeFileSync(
      ws.configFile,
      '[profile dev]\ncredential_process = awst credential-process main-account DeveloperAccess\n',
    );
    const { code, screen } = await onTerminal(
      'aws sts get-caller-identity --profile dev --query Arn --output text',
      env,
      '123456',
    );
    expect(screen).toContain('MFA code for');
    expect(screen).toContain(ARN);
    expect(code).toBe(0);
  });
});
