import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { parseConfig } from '../config/parse.js';
import type { AwstConfig } from '../config/types.js';
import { AwstError, UsageError } from '../errors.js';
import { defaultAnswers, renderConfig } from './render-config.js';
import * as check from './validate.js';

/** One entry of `terraform output -json`. */
export interface TerraformOutput {
  value: unknown;
  type?: unknown;
  sensitive?: boolean;
}

export type TerraformOutputs = Record<string, TerraformOutput>;

/** The name awst gives the single account of a stack that has no awst_config output. */
export const STACK_ACCOUNT_NAME = 'main-account';

const PIPE_HINT = 'terraform -chdir=<dir> output -json | awst init --from-stack -';

/** Parses the JSON `terraform output -json` prints; `source` names where it came from in messages. */
export function parseTerraformOutputs(text: string, source: string): TerraformOutputs {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${source} is not valid JSON (${reason}). awst init --from-stack expects what terraform output -json prints.`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(
      `${source} is not a JSON object of outputs. awst init --from-stack expects what terraform output -json prints.`,
    );
  }
  const outputs: TerraformOutputs = {};
  for (const [name, entry] of Object.entries(data)) {
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
      throw new UsageError(
        `${source}: output "${name}" has no "value". awst init --from-stack expects what terraform output -json prints.`,
      );
    }
    outputs[name] = entry as TerraformOutput;
  }
  if (Object.keys(outputs).length === 0) {
    throw new UsageError(
      `${source} has no outputs: the stack has not been deployed yet (or this is not its folder). Deploy it, then run awst init --from-stack again.`,
    );
  }
  return outputs;
}

/**
 * config.toml text from a stack's outputs: its awst_config output (checked with parseConfig) when it has
 * one, else a config built from account_id (and region, if given) with one account named main-account.
 */
export function configFromOutputs(outputs: TerraformOutputs, source: string): string {
  const ready = outputs.awst_config;
  if (ready !== undefined) {
    if (typeof ready.value !== 'string' || ready.value.trim() === '') {
      throw new UsageError(`${source}: output awst_config must be the text of a config.toml (a string).`);
    }
    const text = ready.value.endsWith('\n') ? ready.value : `${ready.value}\n`;
    checkUntrusted(parseConfig(text, `${source} (output awst_config)`), `${source}: output awst_config`);
    return text;
  }
  const id = outputs.account_id?.value;
  if (id === undefined) {
    const names = Object.keys(outputs).join(', ');
    throw new UsageError(
      `${source} has neither an awst_config nor an account_id output (outputs: ${names}). Is this the baseline stack?`,
    );
  }
  if (typeof id !== 'string' || check.accountId(id) !== true) {
    throw new UsageError(
      `${source}: output account_id must be a 12-digit account id, not ${JSON.stringify(id)}.`,
    );
  }
  const answers = defaultAnswers();
  answers.accounts = [{ name: STACK_ACCOUNT_NAME, id }];
  const region = outputs.region?.value;
  if (typeof region === 'string' && check.region(region) === true) answers.defaultRegion = region;
  const text = renderConfig(answers, 'awst init --from-stack');
  parseConfig(text, `${source} (generated)`);
  return text;
}

/** The config published in the account (an SSM parameter), held to the same rules as a stack's output. */
export function checkPublishedConfig(text: string, where: string): AwstConfig {
  const config = parseConfig(text, where);
  checkUntrusted(
    config,
    where,
    'Ask your administrator to fix the published configuration, or write config.toml yourself.',
  );
  return config;
}

/**
 * Whoever can write a stack's state (or the published parameter) decides its text, so a config taken from
 * it may hold no command awst would run (mfaProcess goes through sh -c), and only the names and regions
 * awst init itself would write.
 */
function checkUntrusted(
  config: AwstConfig,
  where: string,
  fix = "Fix the stack's output, or write config.toml yourself.",
): void {
  const refuse = (problem: string): never => {
    throw new UsageError(`${where} ${problem} ${fix}`);
  };
  if (config.mfaProcess !== undefined) {
    refuse(
      'sets mfaProcess, a command awst would run on this machine; a stack output may not. Add mfaProcess to config.toml yourself if you want one.',
    );
  }
  // Regions and role names need no check here: parseConfig refused any that would reach an AWS file.
  const checkValue = (what: string, value: string, rule: check.Check) => {
    const verdict = rule(value);
    if (verdict !== true) refuse(`has ${what} ${JSON.stringify(value)}: ${verdict}`);
  };
  checkValue('profile name', config.mainAccountProfile, check.profileName());
  checkValue('profile name', config.mfaSessionProfile, check.profileName(config.mainAccountProfile));
  for (const account of config.accounts) {
    checkValue('account name', account.name, check.accountName());
  }
  if (config.defaultAccount !== undefined)
    checkValue('defaultAccount', config.defaultAccount, check.accountName());
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT: not installed). */
  error?: NodeJS.ErrnoException;
}

export type RunCommand = (command: string, args: string[]) => Promise<CommandResult>;

/** Runs `terraform -chdir=<dir> output -json` and parses what it prints. */
export async function readStackOutputs(dir: string, run: RunCommand = runCommand): Promise<TerraformOutputs> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new UsageError(
      `${dir} is not a folder. Give --from-stack the Terraform stack folder, e.g. packages/infra/cdktf.out/stacks/baseline, or - to read ${PIPE_HINT.split(' | ')[0]} from stdin.`,
    );
  }
  const result = await run('terraform', [`-chdir=${dir}`, 'output', '-json']);
  if (result.error) {
    if (result.error.code === 'ENOENT') {
      throw new AwstError(
        `terraform was not found on PATH. Install Terraform, or run it elsewhere and pipe its outputs: ${PIPE_HINT}`,
        1,
      );
    }
    throw new AwstError(`Could not run terraform (${result.error.message}).`, 1, { cause: result.error });
  }
  if (result.code !== 0) {
    const detail = firstLines(stripAnsi(result.stderr || result.stdout));
    throw new AwstError(
      `terraform output failed in ${dir}${detail ? `: ${detail}` : ''}. Check that the stack is initialised (terraform init) and deployed.`,
      1,
    );
  }
  return parseTerraformOutputs(result.stdout, `terraform output in ${dir}`);
}

/** All of stdin, for `--from-stack -`; refuses a terminal, where it would wait for input forever. */
export async function readStdinOutputs(stdin: NodeJS.ReadStream = process.stdin): Promise<TerraformOutputs> {
  if (stdin.isTTY) {
    throw new UsageError(`--from-stack - reads terraform output -json from stdin; pipe it in: ${PIPE_HINT}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    throw new UsageError(
      `stdin was empty. --from-stack - expects terraform output -json there: ${PIPE_HINT}`,
    );
  }
  return parseTerraformOutputs(text, 'stdin');
}

function runCommand(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: null, stdout, stderr, error }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terraform colours its errors.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[\s│╷╵]+/, '').trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
}
