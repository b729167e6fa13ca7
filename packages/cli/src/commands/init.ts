import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultConfigPath } from '../config/locate.js';
import { parseConfig } from '../config/parse.js';
import type { AwstConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import { writeConfigFile } from '../init/write-config.js';
import { note } from '../terminal/messages.js';
import { openTerminal } from '../terminal/tty.js';
import type { GlobalOptions } from './wiring.js';

export interface InitOptions {
  force?: boolean;
  merge?: boolean;
  fromStack?: string;
  importAwstools?: boolean;
  tokenCode?: string;
  region?: string;
}

/**
 * Writes config.toml from the account (the key in the main profile and one MFA code: the team's published
 * config), a deployed stack's outputs, or awstools' config. An existing config.toml is merged (what it lacks
 * is added, nothing of it changes) after asking, with --merge without asking, or replaced with --force.
 */
export async function initCommand(
  options: InitOptions,
  global: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (options.force && options.merge) throw new UsageError('Give --merge or --force, not both.');
  const explicit = global.config ?? env.AWST_CONFIG;
  const path = explicit ? resolve(explicit) : defaultConfigPath(env);
  const existing = await readExisting(path);
  const mode = options.force ? 'replace' : options.merge ? 'merge' : 'ask';
  // Before any AWS call or MFA code: the answer must be askable.
  if (existing !== undefined && mode === 'ask' && !terminalAvailable()) {
    throw new UsageError(
      `${path} already exists; awst init leaves it alone. Run awst init in a terminal to review what it would add, awst init --merge to add it, or awst init --force to replace the file.`,
    );
  }

  // A file awst cannot read cannot be merged into: its error names the line.
  const current = existing === undefined || mode === 'replace' ? undefined : parseConfig(existing, path);

  let text: string;
  if (options.fromStack !== undefined) {
    const stack = await import('../init/stack-outputs.js');
    const outputs =
      options.fromStack === '-'
        ? await stack.readStdinOutputs()
        : await stack.readStackOutputs(options.fromStack);
    text = stack.configFromOutputs(outputs, options.fromStack === '-' ? 'stdin' : options.fromStack);
  } else if (options.importAwstools) {
    const { readAwstoolsConfig } = await import('../init/import-awstools.js');
    const imported = await readAwstoolsConfig(env, path);
    note(`Importing ${imported.path}`);
    for (const line of imported.notes) note(line);
    text = imported.text;
  } else {
    text = await configFromAccount(current ?? parseConfig('', path), options, env);
  }
  // Whatever the source, never write a file awst itself would reject.
  parseConfig(text, path);

  if (existing === undefined || mode === 'replace') {
    await writeConfigFile(path, text, mode === 'replace');
  } else {
    const { mergeConfig } = await import('../init/merge-config.js');
    const merged = mergeConfig(existing, text);
    for (const line of merged.kept) note(`Kept ${line}.`);
    if (merged.added.length === 0) {
      note(`${path} already has every setting; nothing to add.`);
      return;
    }
    note(`To add to ${path}:\n${merged.added.map((line) => `  ${line}`).join('\n')}`);
    parseConfig(merged.text, path);
    if (mode === 'ask') {
      const { confirmOnTerminal } = await import('../terminal/confirm.js');
      if (!(await confirmOnTerminal(`Add these to ${path}?`))) {
        note(`Left ${path} as it was.`);
        return;
      }
    }
    text = merged.text;
    await writeConfigFile(path, text, true);
  }
  process.stdout.write(text);
  note(`Wrote ${path}`);
}

async function readExisting(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(
      `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error}). Check its permissions.`,
      { cause: error },
    );
  }
}

function terminalAvailable(): boolean {
  const terminal = openTerminal();
  terminal?.close();
  return terminal !== undefined;
}

/** config.toml from the key and one MFA code (init/from-account.ts). */
async function configFromAccount(
  base: AwstConfig,
  options: InitOptions,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const [account, { chainContext }, { awsFilePaths }] = await Promise.all([
    import('../init/from-account.js'),
    import('./wiring.js'),
    import('../aws-files/paths.js'),
  ]);
  const region = await account.publishedConfigRegion(base, awsFilePaths(env), options.region);
  const ctx = chainContext({ ...base, defaultRegion: region }, { tokenCode: options.tokenCode }, env);
  return account.configFromFacts(await account.readAccountFacts(ctx), region, note);
}
