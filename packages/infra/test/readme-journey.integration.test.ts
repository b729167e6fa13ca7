/**
 * The README's "journey by hand against moto" and its teammate continuation, run as written: the commands of
 * the two marked ```bash blocks, in one bash, each step's exit code and output checked. What the test adds:
 * a free loopback port in place of the README's 5000; the edit of settings.ts the README asks for in a
 * comment; a copy of the repository's infra package (and the CLI rules it imports), so the deploy writes its
 * state and cdktf.out into a temp folder and never beside a real deployment; Terraform's offline provider
 * mirror; `awst` on PATH as the built CLI.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_BIN, hasCommand, terraformOfflineEnv } from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SETTINGS = 'packages/infra/src/settings.ts';
/** The README's comment asking the admin to add a user; the test makes that edit. */
const ADD_USER = /^# \(admin\) add (\{ name: '(\w+)', groups: \[[^\]]*\] \}) to users in (\S+), then:$/;

interface Step {
  block: string;
  /** The README's line, as written. */
  line: string;
  /** What runs: the line with the emulator's port, or the test's edit for ADD_USER. */
  command: string;
  code?: number;
  stdout: string;
  stderr: string;
  /** $HOME after the step. */
  home?: string;
}

/** The commands of the ```bash block between `<!-- name:start -->` and `<!-- name:end -->`, one per line. */
function readmeBlock(name: string): string[] {
  const start = README.indexOf(`<!-- ${name}:start -->`);
  const end = README.indexOf(`<!-- ${name}:end -->`);
  const fenced = /```bash\n([\s\S]*?)```/.exec(README.slice(start, end))?.[1];
  if (start < 0 || end < 0 || fenced === undefined) throw new Error(`README has no ${name} block`);
  return fenced.split('\n').filter((line) => line.trim() !== '');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

const tools = ['bash', 'curl', 'moto_server', 'terraform', 'aws', 'pnpm'];
const available = tools.every((tool) => hasCommand(tool)) && existsSync(CLI_BIN);

let work: string;
let shell: ReturnType<typeof spawn> | undefined;
let steps: Step[] = [];

function step(pattern: RegExp, block?: string): Step {
  const found = steps.find((s) => pattern.test(s.line) && (block === undefined || s.block === block));
  if (!found) throw new Error(`no step ${pattern} in the README blocks`);
  return found;
}

beforeAll(async () => {
  if (!available) return;
  work = mkdtempSync(path.join(tmpdir(), 'awst-readme-journey-'));
  const repo = path.join(work, 'repo');
  for (const part of ['packages/infra/src', 'packages/infra/scripts', 'packages/rules/src']) {
    cpSync(path.join(ROOT, part), path.join(repo, part), { recursive: true });
  }
  for (const file of [
    'tsconfig.base.json',
    'packages/infra/package.json',
    'packages/infra/tsconfig.build.json',
  ]) {
    cpSync(path.join(ROOT, file), path.join(repo, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  symlinkSync(path.join(ROOT, 'packages/infra/node_modules'), path.join(repo, 'packages/infra/node_modules'));
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'awst'),
    `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(CLI_BIN)} "$@"\n`,
    {
      mode: 0o755,
    },
  );
  const addUser = path.join(work, 'add-user.mjs');
  writeFileSync(
    addUser,
    `import { readFileSync, writeFileSync } from 'node:fs';
const [file, entry] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const at = text.indexOf('  users: [\\n');
if (at < 0) throw new Error('no users list in ' + file);
const end = at + '  users: [\\n'.length;
writeFileSync(file, text.slice(0, end) + '    ' + entry + ',\\n' + text.slice(end));
`,
  );
  for (const dir of ['home', 'tmp', 'steps']) mkdirSync(path.join(work, dir));

  const port = String(await freePort());
  for (const block of ['journey-by-hand', 'teammate-by-hand']) {
    for (const line of readmeBlock(block)) {
      const edit = ADD_USER.exec(line);
      if (edit) {
        expect(edit[3]).toBe(SETTINGS);
        const command = `node ${shellQuote(addUser)} ${SETTINGS} ${shellQuote(edit[1]!)}`;
        steps.push({ block, line, command, stdout: '', stderr: '' });
      } else if (!line.startsWith('#')) {
        steps.push({ block, line, command: line.replaceAll('5000', port), stdout: '', stderr: '' });
      }
    }
  }
  const dir = path.join(work, 'steps');
  const script = [
    ...steps.map(
      (s, i) =>
        `{ ${s.command}\n} >${dir}/${i}.out 2>${dir}/${i}.err; rc=$?; echo $rc >${dir}/${i}.rc; printf '%s' "$HOME" >${dir}/${i}.home; [ $rc -eq 0 ] || exit $rc`,
    ),
  ].join('\n');
  writeFileSync(path.join(work, 'journey.sh'), `${script}\n`);

  const inherited = ['LANG', 'TERM', 'PYENV_ROOT', 'PYENV_VERSION'].filter(
    (k) => process.env[k] !== undefined,
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited.map((k) => [k, process.env[k]])),
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    HOME: path.join(work, 'home'),
    TMPDIR: path.join(work, 'tmp'), // mktemp -d's HOMEs go here, and with it
    ...terraformOfflineEnv(work),
  };
  // Its own process group: the emulator the README starts in the background is stopped with the group.
  const child = spawn('bash', [path.join(work, 'journey.sh')], {
    cwd: repo,
    env,
    detached: true,
    stdio: 'ignore',
  });
  shell = child;
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  steps = steps.map((s, i) => {
    const read = (ext: string) => {
      const file = path.join(dir, `${i}.${ext}`);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    };
    const rc = read('rc');
    return {
      ...s,
      code: rc === undefined ? undefined : Number(rc),
      stdout: read('out') ?? '',
      stderr: read('err') ?? '',
      home: read('home'),
    };
  });
}, 1_500_000);

afterAll(() => {
  if (shell?.pid) {
    try {
      process.kill(-shell.pid, 'SIGKILL');
    } catch {} // the group is gone already
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!available)(
  `the README's journey by hand against moto, as written (needs ${tools.join(', ')})`,
  () => {
    it('runs every step with exit code 0', () => {
      expect(steps.length).toBeGreaterThan(20);
      for (const s of steps) {
        expect(s.code, `${s.line}\n${s.stderr.slice(-3000)}`).toBe(0);
      }
    });

    it('deploys with AWST_INFRA_EMULATOR=1, which says on stderr what it leaves out', () => {
      const deploy = step(
        /^AWST_INFRA_EMULATOR=1 AWS_PROFILE=root-account pnpm -C packages\/infra run deploy/,
      );
      expect(deploy.stderr).toContain(
        'AWST_INFRA_EMULATOR: synthesizing for an AWS emulator (moto), not for AWS.',
      );
      for (const what of ['CloudTrail trail', 'S3 Block Public Access', 'force_destroy on users']) {
        expect(deploy.stderr).toContain(what);
      }
      expect(deploy.stdout).toMatch(/Apply complete! Resources: \d+ added/);
    });

    it("gets admin's config from the published parameter and a first working awst assume", () => {
      const init = step(/^awst init/, 'journey-by-hand');
      expect(init.stderr).toContain("Read the team's configuration from /team/awst-config in eu-west-1.");
      expect(init.stdout).toContain('[accounts]\nmain-account = "123456789012"\n');
      expect(init.stdout).toContain('[roles.DeveloperAccess]\ndurationMinutes = 240\n');
      const assume = step(/^awst assume main-account DeveloperAccess/);
      expect(assume.stderr).toMatch(/DeveloperAccess in main-account \(123456789012\) assumed/);
      const identity = step(/^aws sts get-caller-identity --profile "main-account DeveloperAccess"/);
      expect(JSON.parse(identity.stdout).Arn).toBe(
        'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/admin',
      );
    });

    it('adds alice through AdminAccess: the deploy as the role, then a first password', () => {
      const deploy = step(/^AWST_INFRA_EMULATOR=1 awst run main-account AdminAccess -- pnpm/);
      expect(deploy.stderr).toMatch(/AdminAccess in main-account \(123456789012\)/);
      expect(deploy.stdout).toMatch(/Apply complete! Resources: [1-9]\d* added, 0 changed, 0 destroyed/);
      const password = step(/create-login-profile/);
      expect(password.line).toContain('--password-reset-required');
      // moto keeps the profile but answers PasswordResetRequired false whatever was asked.
      expect(JSON.parse(password.stdout).LoginProfile).toMatchObject({ UserName: 'alice' });
    });

    it('alice, from a HOME with nothing of the admin, reaches DeveloperAccess with her key and one code', () => {
      const aliceInit = step(/^awst init/, 'teammate-by-hand');
      expect(aliceInit.stderr).toContain(
        'Account 123456789012, IAM user alice, MFA device arn:aws:iam::123456789012:mfa/alice-phone.',
      );
      expect(aliceInit.stderr).toContain(
        "Read the team's configuration from /team/awst-config in eu-west-1.",
      );
      const run = step(/^awst run main-account DeveloperAccess -- aws sts get-caller-identity$/);
      expect(JSON.parse(run.stdout).Arn).toBe('arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice');

      const aliceHome = aliceInit.home!;
      const adminHome = step(/^awst init/, 'journey-by-hand').home!;
      expect(aliceHome).not.toBe(adminHome);
      const credentials = readFileSync(path.join(aliceHome, '.aws', 'credentials'), 'utf8');
      const sections = [...credentials.matchAll(/^\[(.+)\]$/gm)].map((m) => m[1]);
      expect(sections.sort()).toEqual([
        'main-account',
        'main-account DeveloperAccess',
        'main-account-mfa-session',
      ]);
      expect(credentials).not.toContain('root-account');
      const adminKey = readFileSync(path.join(adminHome, '.aws', 'credentials'), 'utf8').match(
        /\[main-account\]\naws_access_key_id = (\S+)/,
      )?.[1];
      expect(adminKey).toBeDefined();
      expect(credentials).not.toContain(adminKey!);
    });
  },
);
