import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI_BIN, hasCommand, type Moto, type TestUser, type Workspace, withAwstOnPath } from '@awst/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from '../support/emulated-account.js';

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
        child.stdin.write(['\u0003', '\u0004'].includes(answer) ? answer : `${answer}\r`);
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

describe('where codes do not come from', () => {
  let moto: Moto;
  let ws: Workspace;
  useEmulatedAccount({ each: (account) => ({ moto, ws } = account) });

  it("run never takes the command's stdin as the code: without a terminal it fails and runs nothing", async () => {
    await moto.startRecording();
    const out = await ws.awst(['run', 'main-account', 'DeveloperAccess', '--', 'echo', 'ran'], {
      input: '123456\n',
    });
    expect(await moto.stopRecording()).not.toContain('GetSessionToken');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no terminal to ask on/);
    expect(out.stdout).toBe('');
  });

  it('credential_process without a terminal says to run awst assume in one, and the AWS CLI shows it', async () => {
    writeFileSync(
      ws.configFile,
      `[profile dev]\ncredential_process = "${process.execPath}" "${CLI_BIN}" credential-process main-account DeveloperAccess\n`,
    );
    const out = ws.aws(['sts', 'get-caller-identity', '--profile', 'dev']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(
      /A new MFA code is needed and there is no terminal to ask on\. Run in a terminal: awst assume main-account DeveloperAccess; commands that are running pick up the new session/,
    );
    expect(out.stderr).not.toMatch(/--token-code/);
  });

  it('a code that is not 6 digits is refused before any AWS call, also when the cache would do', async () => {
    await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    await moto.startRecording();
    for (const args of [
      ['assume', 'main-account', 'DeveloperAccess', '-t', '12345'],
      ['run', 'main-account', 'DeveloperAccess', '-t', 'abcdef', '--', 'echo', 'ran'],
      ['credential-process', 'main-account', 'DeveloperAccess', '-t', '1234567'],
      ['console', 'main-account', 'DeveloperAccess', '-t', '12'],
      ['rotate-keys', '-t', '12'],
    ]) {
      const out = await ws.awst(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/^awst: The MFA code given with --token-code must be 6 digits/);
      expect(out.stdout).toBe('');
    }
    expect(await moto.stopRecording()).toEqual([]);
  });

  it('stdin that stays open and sends nothing: assume gives up and says what it waited for', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'assume', 'main-account', 'DeveloperAccess'], {
      env: ws.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // no controlling terminal, as under ssh without -t
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expect(code).toBe(2);
    expect(stderr).toMatch(/stdin is an open pipe that sent no line in 10 s, and there is no terminal/);
  });
});

describe.skipIf(!hasCommand('script'))('the MFA prompt on a terminal', () => {
  let moto: Moto;
  let user: TestUser;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  useEmulatedAccount({ each: (account) => ({ moto, user, ws } = account) });
  beforeEach(() => {
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
    // A colour terminal: inquirer reads Ctrl-C as a key (raw mode), so the shell around awst goes on.
    const { screen } = await onTerminal(
      `"${process.execPath}" "${CLI_BIN}" assume main-account DeveloperAccess; echo "EXIT=$?"`,
      { ...env, TERM: 'xterm-256color' },
      '\u0003',
    );
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(readFileSync(ws.credentialsFile, 'utf8')).toBe(before);
  });

  it.each([
    ['assume', 'assume main-account DeveloperAccess'],
    ['run', 'run main-account DeveloperAccess -- echo the command ran'],
    ['credential-process', 'credential-process main-account DeveloperAccess'],
    ['rotate-keys', 'rotate-keys'],
    ['console', 'console main-account DeveloperAccess'],
    ['assume asking on /dev/tty', 'assume main-account DeveloperAccess </dev/null'],
  ])('Ctrl-D at the prompt of %s is a cancellation: exit 130, one line, files untouched', async (_, args) => {
    const before = readFileSync(ws.credentialsFile, 'utf8');
    const { screen } = await onTerminal(
      `"${process.execPath}" "${CLI_BIN}" ${args}; echo "EXIT=$?"`,
      env,
      '\u0004',
    );
    expect(screen).toContain('awst: Cancelled.');
    expect(screen).toContain('EXIT=130');
    expect(screen).not.toContain('the command ran');
    expect(readFileSync(ws.credentialsFile, 'utf8')).toBe(before);
  });

  it('Ctrl-D at the prompt of credential_process ends the AWS CLI with an error instead of hanging', async () => {
    writeFileSync(
      ws.configFile,
      '[profile dev]\ncredential_process = awst credential-process main-account DeveloperAccess\n',
    );
    const { screen } = await onTerminal(
      'aws sts get-caller-identity --profile dev; echo "EXIT=$?"',
      env,
      '\u0004',
    );
    expect(screen).toContain('Cancelled.');
    expect(screen).toMatch(/EXIT=[1-9]/);
  });

  it("run asks on the terminal and leaves the command's piped stdin to the command", async () => {
    const { code, screen } = await onTerminal(
      `echo piped-data | "${process.execPath}" "${CLI_BIN}" run main-account DeveloperAccess -- cat`,
      env,
      '123456',
    );
    expect(screen).toContain('MFA code for');
    expect(screen).toContain('piped-data');
    expect(code).toBe(0);
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

describe.skipIf(!hasCommand('script'))('colours and cursor movement at the prompt', () => {
  let ws: Workspace;
  useEmulatedAccount({ each: (account) => ({ ws } = account) });

  for (const [label, flags, extra] of [
    ['--no-color', '--no-color ', { TERM: 'xterm-256color' }],
    ['NO_COLOR=1', '', { TERM: 'xterm-256color', NO_COLOR: '1' }],
    ['TERM=dumb', '', { TERM: 'dumb' }],
  ] as const) {
    it(`${label}: a plain prompt, without any escape sequence, that still takes the code`, async () => {
      const env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1', ...extra };
      const { code, screen } = await onTerminal(
        `awst ${flags}assume main-account DeveloperAccess`,
        env,
        '123456',
      );
      expect(code).toBe(0);
      expect(screen).toContain('? MFA code for arn:aws:iam::123456789012:mfa/alice-phone: ');
      expect(screen).toContain('DeveloperAccess in main-account (123456789012) assumed');
      expect(JSON.stringify(screen)).not.toContain('\\u001b');
    });
  }

  it('TERM=dumb: Ctrl-C at the plain prompt (a SIGINT from the terminal) cancels with 130, files untouched', async () => {
    const env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1', TERM: 'dumb' };
    const before = readFileSync(ws.credentialsFile, 'utf8');
    const { code, screen } = await onTerminal(
      `"${process.execPath}" "${CLI_BIN}" assume main-account DeveloperAccess`,
      env,
      '\u0003',
    );
    expect(code).toBe(130);
    expect(screen).toContain('awst: Cancelled.');
    expect(readFileSync(ws.credentialsFile, 'utf8')).toBe(before);
  });
});
