import { resolve } from 'node:path';
import { defaultConfigPath } from '../config/locate.js';
import { parseConfig } from '../config/parse.js';
import { assertMayWrite, writeConfigFile } from '../init/write-config.js';
import { note } from '../terminal/status.js';
import type { GlobalOptions } from './context.js';

export interface InitOptions {
  force?: boolean;
  fromStack?: string;
  importAwstools?: boolean;
}

const NO_TERMINAL =
  'no terminal to ask the init questions on. Run awst init in a terminal, or use awst init --from-stack <dir> or awst init --import-awstools.';

/** Writes config.toml from answers on the terminal, a deployed stack's outputs, or awstools' config. */
export async function initCommand(
  options: InitOptions,
  global: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const explicit = global.config ?? env.AWST_CONFIG;
  const path = explicit ? resolve(explicit) : defaultConfigPath(env);
  const force = options.force ?? false;
  await assertMayWrite(path, force);

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
    const [{ askInitAnswers }, { renderConfig }, { askOnTerminal }] = await Promise.all([
      import('../init/prompts.js'),
      import('../init/render-config.js'),
      import('../terminal/ask.js'),
    ]);
    const answers = await askInitAnswers((question) => askOnTerminal(question, NO_TERMINAL));
    text = renderConfig(answers);
  }
  // Whatever the source, never write a file awst itself would reject.
  parseConfig(text, path);
  await writeConfigFile(path, text, force);
  process.stdout.write(text);
  note(`Wrote ${path}`);
}
