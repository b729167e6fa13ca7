/**
 * `node dist/cli.js <synth|plan|deploy|destroy> [--stack baseline|organization] [terraform args...]`
 *
 * Synthesizes the app (no cdktf-cli), then runs `terraform init` and the matching Terraform command in
 * `cdktf.out/stacks/<stack>`, passing remaining arguments through (e.g. `-auto-approve`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STACKS, type StackName, synth } from './main.js';
import { emulatorRequested, forEmulator } from './settings/emulator.js';
import type { Settings } from './settings/types.js';
import { settings } from './settings.js';

const TERRAFORM_COMMAND = { plan: 'plan', deploy: 'apply', destroy: 'destroy' } as const;
type Command = 'synth' | keyof typeof TERRAFORM_COMMAND;

export interface CliArgs {
  command: Command;
  stack: StackName;
  passThrough: string[];
}

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'synth' && !(command !== undefined && command in TERRAFORM_COMMAND)) {
    throw new Error(`usage: cli <synth|plan|deploy|destroy> [--stack ${STACKS.join('|')}] [terraform args]`);
  }
  let stack: StackName = 'baseline';
  const passThrough: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    let value: string | undefined;
    if (arg === '--stack') value = rest[++i];
    else if (arg.startsWith('--stack=')) value = arg.slice('--stack='.length);
    else if (arg === '--') continue;
    else {
      passThrough.push(arg);
      continue;
    }
    if (!STACKS.includes(value as StackName))
      throw new Error(`unknown stack ${value}; use ${STACKS.join(', ')}`);
    stack = value as StackName;
  }
  return { command: command as Command, stack, passThrough };
}

function terraform(cwd: string, args: string[]): void {
  const result = spawnSync('terraform', args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The settings as edited, or with the emulator exceptions when the environment asks for them (said on stderr). */
export function settingsFor(env: NodeJS.ProcessEnv, say: (line: string) => void = console.error): Settings {
  if (!emulatorRequested(env)) return settings;
  const emulated = forEmulator(settings);
  for (const line of emulated.notes) say(line);
  return emulated.settings;
}

export function run(argv: string[], env: NodeJS.ProcessEnv = process.env): void {
  const args = parseArgs(argv);
  const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const s = settingsFor(env);
  const outdir = path.resolve(packageDir, s.outdir);
  synth(s, outdir);
  const stackDir = path.join(outdir, 'stacks', args.stack);
  console.error(`synthesized ${path.relative(process.cwd(), stackDir) || '.'}/cdk.tf.json`);
  if (args.command === 'synth') return;
  terraform(stackDir, ['init', '-input=false']);
  terraform(stackDir, [TERRAFORM_COMMAND[args.command], ...args.passThrough]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    run(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
