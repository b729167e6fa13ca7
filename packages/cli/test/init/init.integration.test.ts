import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createWorkspace, type Workspace } from '@awst/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AWSTOOLS_EXAMPLE, STACK_CONFIG, STACK_OUTPUTS_JSON } from './fixtures.js';

// No AWS is involved: the endpoint is never called.
let ws: Workspace;
beforeEach(() => {
  ws = createWorkspace('http://127.0.0.1:9');
});

const mode = (path: string) => statSync(path).mode & 0o777;

/** A fake terraform first on PATH: prints `stdout` and exits with `code`, logging its arguments. */
function fakeTerraform(stdout: string, code = 0): { env: NodeJS.ProcessEnv; log: string } {
  const bin = join(ws.home, 'bin');
  mkdirSync(bin);
  const log = join(ws.home, 'terraform.log');
  writeFileSync(join(bin, 'terraform.out'), stdout);
  writeFileSync(
    join(bin, 'terraform'),
    `#!/bin/sh\necho "$@" >> '${log}'\ncat '${join(bin, 'terraform.out')}'\nexit ${code}\n`,
  );
  chmodSync(join(bin, 'terraform'), 0o755);
  return { env: { PATH: `${bin}${delimiter}${ws.env.PATH}` }, log };
}

describe('awst init --from-stack', () => {
  it('- reads terraform output -json from stdin, writes the 0600 file, and awst accounts lists the account', async () => {
    const result = await ws.awst(['init', '--from-stack', '-'], { input: STACK_OUTPUTS_JSON });
    expect(result.stderr).toBe(`Wrote ${ws.awstConfigFile}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(STACK_CONFIG);
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe(STACK_CONFIG);
    expect(mode(ws.awstConfigFile)).toBe(0o600);

    const accounts = await ws.awst(['accounts']);
    expect(accounts.stderr).toBe('');
    expect(accounts.stdout).toBe('main-account  123456789012  eu-central-1\n');
  });

  it('<dir> runs terraform -chdir=<dir> output -json and writes to AWST_CONFIG, creating 0700 folders', async () => {
    const stack = join(ws.home, 'cdktf.out', 'stacks', 'baseline');
    mkdirSync(stack, { recursive: true });
    const terraform = fakeTerraform(STACK_OUTPUTS_JSON);
    const target = join(ws.home, 'elsewhere', 'awst', 'config.toml');
    const result = await ws.awst(['init', '--from-stack', stack], {
      env: { ...terraform.env, AWST_CONFIG: target },
    });
    expect(result.stderr).toBe(`Wrote ${target}\n`);
    expect(result.code).toBe(0);
    expect(readFileSync(terraform.log, 'utf8')).toBe(`-chdir=${stack} output -json\n`);
    expect(readFileSync(target, 'utf8')).toBe(STACK_CONFIG);
    expect(mode(target)).toBe(0o600);
    expect(mode(join(ws.home, 'elsewhere'))).toBe(0o700);
    expect(mode(join(ws.home, 'elsewhere', 'awst'))).toBe(0o700);
    expect(existsSync(ws.awstConfigFile)).toBe(false);
  });

  it('says the stack is not deployed when terraform prints no outputs', async () => {
    const terraform = fakeTerraform('{}\n');
    const result = await ws.awst(['init', '--from-stack', ws.home], { env: terraform.env });
    expect(result.stderr).toMatch(
      /^awst: terraform output in .* has no outputs: the stack has not been deployed/,
    );
    expect(result.code).toBe(2);
    expect(existsSync(ws.awstConfigFile)).toBe(false);
  });

  it('says terraform is missing, and how to pipe the outputs instead', async () => {
    const result = await ws.awst(['init', '--from-stack', ws.home], { env: { PATH: join(ws.home, 'none') } });
    expect(result.stderr).toMatch(/^awst: terraform was not found on PATH\. .*awst init --from-stack -\n$/);
    expect(result.code).toBe(1);
  });

  it('rejects invalid JSON on stdin in one line', async () => {
    const result = await ws.awst(['init', '--from-stack', '-'], { input: '{"awst_config": ' });
    expect(result.stderr).toMatch(/^awst: stdin is not valid JSON \(.*\)\. .*\n$/);
    expect(result.code).toBe(2);
    expect(existsSync(ws.awstConfigFile)).toBe(false);
  });
});

describe('awst init --import-awstools', () => {
  it('copies awstools config.toml without its deprecated keys, saying what it left out', async () => {
    const awstools = join(ws.home, '.config', 'awstools', 'config.toml');
    mkdirSync(join(ws.home, '.config', 'awstools'));
    writeFileSync(awstools, AWSTOOLS_EXAMPLE, { mode: 0o644 });
    const result = await ws.awst(['init', '--import-awstools']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Left out defaultKmsKey');
    expect(result.stderr).toContain('Left out autoRotateMainAccountKey');
    expect(result.stderr).not.toContain('warning');
    expect(result.stderr).toContain(`Wrote ${ws.awstConfigFile}\n`);
    const expected = AWSTOOLS_EXAMPLE.split('\n')
      .filter((line) => !/^(defaultKmsKey|autoRotateMainAccountKey) =/.test(line))
      .join('\n');
    expect(result.stdout).toBe(expected);
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe(expected);
    expect(mode(ws.awstConfigFile)).toBe(0o600);
    expect(readFileSync(awstools, 'utf8')).toBe(AWSTOOLS_EXAMPLE);

    const accounts = await ws.awst(['accounts']);
    expect(accounts.stderr).toBe('');
    expect(accounts.stdout).toMatch(/^main-account +123456789012 +eu-west-1\nother-account/);
  });

  it('refuses an awstools config that does not parse, writing nothing', async () => {
    mkdirSync(join(ws.home, '.config', 'awstools'));
    writeFileSync(join(ws.home, '.config', 'awstools', 'config.toml'), '[accounts]\nmain = "123"\n');
    const result = await ws.awst(['init', '--import-awstools']);
    expect(result.stderr).toMatch(/awstools\/config\.toml:2: account "main" must be a 12-digit account id/);
    expect(result.code).toBe(2);
    expect(existsSync(ws.awstConfigFile)).toBe(false);
  });

  it('says when there is no awstools config', async () => {
    const result = await ws.awst(['init', '--import-awstools']);
    expect(result.stderr).toMatch(
      /^awst: There is no awstools config at .*awstools\/config\.toml to import\./,
    );
    expect(result.code).toBe(2);
  });
});

describe('awst init refusals', () => {
  it('without a terminal leaves an existing config byte-identical unless told --merge or --force', async () => {
    const mine = '# mine\r\n[accounts]\nmine = "111111111111"\n';
    writeFileSync(ws.awstConfigFile, mine, { mode: 0o640 });
    const before = statSync(ws.awstConfigFile);
    for (const args of [['init'], ['init', '--from-stack', '-'], ['init', '--import-awstools']]) {
      const result = await ws.awst(args, { input: STACK_OUTPUTS_JSON });
      expect(result.stderr).toBe(
        `awst: ${ws.awstConfigFile} already exists; awst init leaves it alone. Run awst init in a terminal to review what it would add, awst init --merge to add it, or awst init --force to replace the file.\n`,
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(ws.awstConfigFile)).toEqual(Buffer.from(mine));
    const after = statSync(ws.awstConfigFile);
    expect([after.mode, after.mtimeMs, after.ino]).toEqual([before.mode, before.mtimeMs, before.ino]);

    // A CR in a comment is not TOML: nothing to merge into.
    const unreadable = await ws.awst(['init', '--merge', '--from-stack', '-'], { input: STACK_OUTPUTS_JSON });
    expect(unreadable.stderr).toMatch(/^awst: .*config\.toml:1: /);
    expect(unreadable.code).toBe(2);
    expect(readFileSync(ws.awstConfigFile)).toEqual(Buffer.from(mine));

    writeFileSync(ws.awstConfigFile, '# mine\n[accounts]\nmine = "111111111111"\n');
    const merged = await ws.awst(['init', '--merge', '--from-stack', '-'], { input: STACK_OUTPUTS_JSON });
    expect(merged.code, merged.stderr).toBe(0);
    const text = readFileSync(ws.awstConfigFile, 'utf8');
    // Top-level settings go before the first table; [accounts] gains the stack's account under its header.
    expect(text.startsWith('# mine\ndefaultRegion = ')).toBe(true);
    expect(text).toMatch(/\n\[accounts\]\nmain-account = "123456789012"\nmine = "111111111111"\n/);
    expect(merged.stderr).toContain('To add to');

    const forced = await ws.awst(['init', '--force', '--from-stack', '-'], { input: STACK_OUTPUTS_JSON });
    expect(forced.code).toBe(0);
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe(STACK_CONFIG);
    expect(mode(ws.awstConfigFile)).toBe(0o600);
  });

  it('--config names the file to write and to refuse', async () => {
    const target = join(ws.home, 'mine.toml');
    const first = await ws.awst(['--config', target, 'init', '--from-stack', '-'], {
      input: STACK_OUTPUTS_JSON,
    });
    expect(first.stderr).toBe(`Wrote ${target}\n`);
    const second = await ws.awst(['--config', target, 'init', '--from-stack', '-'], {
      input: STACK_OUTPUTS_JSON,
    });
    expect(second.stderr).toMatch(`${target} already exists`);
    expect(second.code).toBe(2);
    const both = await ws.awst(['--config', target, 'init', '--merge', '--force']);
    expect(both.stderr).toBe('awst: Give --merge or --force, not both.\n');
  });

  it('without a key, says how to store one, before any AWS call', async () => {
    const result = await ws.awst(['init'], { input: '123456\n', timeoutMs: 60_000 });
    expect(result.stderr).toBe(
      `awst: No access key in profile [main-account] of ${ws.credentialsFile}. Add your IAM user's key with: aws configure --profile main-account\n`,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.signal).toBe(null);
    expect(existsSync(ws.awstConfigFile)).toBe(false);
  });

  it('does not take --from-stack and --import-awstools together', async () => {
    const result = await ws.awst(['init', '--from-stack', '-', '--import-awstools'], { input: '{}' });
    expect(result.stderr).toMatch(/cannot be used with option '--import-awstools'/);
    expect(result.code).toBe(2);
  });
});
