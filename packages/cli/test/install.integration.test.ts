// Issue 18: awst as someone who does not develop it gets it. The package is packed as for a release and
// installed with npm into a fresh prefix, with an empty HOME and no pnpm (and no other awst) on PATH; then
// the installed awst assumes a role on moto, serves credential_process to the AWS CLI, and gives bash, zsh
// and fish aws_assume through `awst shell-init`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PACKAGE, type GlobalInstall, installGlobally, packCli, shellAvailable } from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';
// Sized from the work on a busy machine: the pack and the npm install take a few seconds each when the
// machine is quiet, a test here one to three awst runs and an AWS CLI call (about 5 s under load).
const INSTALL_TIMEOUT = 240_000;
const STEP_TIMEOUT = 120_000;
const TEST = { timeout: 2 * STEP_TIMEOUT };

let dir: string;
let tarball: string;
let installed: GlobalInstall;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-install-'));
  tarball = packCli(dir);
  installed = installGlobally(tarball, join(dir, 'install'));
}, INSTALL_TIMEOUT);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const account = useEmulatedAccount();

/** The test's workspace (its HOME, AWS files and moto endpoint) with the installed awst as the only awst. */
function userEnv(): NodeJS.ProcessEnv {
  return { ...account.ws.env, PATH: installed.path, AWS_DEFAULT_REGION: 'eu-west-1' };
}

function run(command: string, args: string[], env = userEnv()) {
  const out = spawnSync(command, args, {
    env,
    cwd: account.ws.home,
    encoding: 'utf8',
    timeout: STEP_TIMEOUT,
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the packed awst, installed with npm into a clean prefix', () => {
  it(
    'is one package with nothing to fetch and no install scripts, and needs nothing from the clone',
    TEST,
    () => {
      expect(installed.packages).toBe(1);
      const manifest = JSON.parse(readFileSync(join(installed.packageDir, 'package.json'), 'utf8'));
      expect(manifest.dependencies ?? {}).toEqual({});
      const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'];
      expect(lifecycle.filter((name) => manifest.scripts?.[name])).toEqual([]);
      expect(statSync(tarball).size).toBeLessThanOrEqual(5_000_000);
      // No path into this repository: a user may delete the clone (or never have had one).
      const pointing = filesUnder(installed.packageDir).filter((file) =>
        readFileSync(file, 'latin1').includes(CLI_PACKAGE),
      );
      expect(pointing).toEqual([]);
      expect(run('sh', ['-c', 'command -v pnpm; command -v awst']).stdout).toBe(
        `${join(installed.prefix, 'bin', 'awst')}\n`,
      );
      expect(run('awst', ['--version']).stdout.trim()).toBe(manifest.version);
    },
  );

  it('runs from its V8 code cache, which this Node accepts for the installed bundle', TEST, () => {
    const { compileBundle } = createRequire(import.meta.url)(
      join(installed.packageDir, 'bin', 'load-bundle.cjs'),
    ) as { compileBundle(file: string): { script: { cachedDataRejected?: boolean } } };
    const compiled = compileBundle(join(installed.packageDir, 'dist', 'main.cjs'));
    expect(compiled.script.cachedDataRejected).toBe(false);
  });

  it('assumes a role on moto, for the AWS CLI to use', TEST, () => {
    const out = run('awst', ['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.stderr).toContain('DeveloperAccess in main-account');
    expect(out.code).toBe(0);
    expect(account.ws.callerArn('main-account DeveloperAccess', { PATH: installed.path })).toBe(ROLE_ARN);
  });

  it('serves credential_process to the AWS CLI', TEST, () => {
    writeFileSync(
      account.ws.configFile,
      '[profile dev]\ncredential_process = awst credential-process main-account DeveloperAccess -t 123456\nregion = eu-west-1\n',
    );
    const out = run('aws', [
      'sts',
      'get-caller-identity',
      '--profile',
      'dev',
      '--query',
      'Arn',
      '--output',
      'text',
    ]);
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe(ROLE_ARN);
  });

  const checkRole = 'aws sts get-caller-identity --query Arn --output text';
  const scripts: Record<string, string> = {
    bash: `eval "$(awst shell-init bash)" || exit 8
aws_assume main-account DeveloperAccess -t 123456 || exit 9
echo "profile=$AWS_PROFILE"; ${checkRole}
aws_unassume; echo "after=\${AWS_PROFILE-unset}"
complete -p awst`,
    zsh: `autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"
eval "$(awst shell-init zsh)" || exit 8
aws_assume main-account DeveloperAccess -t 123456 || exit 9
echo "profile=$AWS_PROFILE"; ${checkRole}
aws_unassume; echo "after=\${AWS_PROFILE-unset}"
echo "complete -F $_comps[awst] awst"`,
    fish: `awst shell-init fish | source; or exit 8
aws_assume main-account DeveloperAccess -t 123456; or exit 9
echo "profile=$AWS_PROFILE"; ${checkRole}
aws_unassume; set -q AWS_PROFILE; or echo "after=unset"
echo "complete -F "(complete -C 'awst shell-i')" awst"`,
  };

  it.for(['bash', 'zsh', 'fish'])(
    'gives %s aws_assume, aws_unassume and completion through awst shell-init',
    TEST,
    (shell, { skip }) => {
      skip(!shellAvailable(shell), `${shell} is not installed`);
      const out = run(shell, ['-c', scripts[shell]!]);
      expect(out.stderr).toContain('DeveloperAccess in main-account');
      const completion = shell === 'fish' ? 'shell-init' : '_awst';
      expect(out.stdout).toBe(
        `profile=main-account DeveloperAccess\n${ROLE_ARN}\nafter=unset\ncomplete -F ${completion} awst\n`,
      );
    },
  );
});
