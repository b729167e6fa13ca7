import { AwstError, UsageError } from '../errors.js';
import { importExternal } from '../runtime/import-external.js';
import { openTerminal } from './tty.js';

/** Asks one question on the terminal with inquirer; Ctrl-C ends awst with exit code 130. */
export async function askOnTerminal<T>(
  question: {
    type: 'input' | 'password' | 'confirm';
    message: string;
    default?: unknown;
    validate?: (value: string) => true | string;
  },
  noTerminal: string,
): Promise<T> {
  const terminal = openTerminal();
  if (!terminal) throw new UsageError(noTerminal);
  const { default: inquirer } = await importExternal<typeof import('inquirer')>('inquirer');
  const prompt = inquirer.createPromptModule({ input: terminal.input, output: terminal.output });
  // Ctrl-D (end of input) closes inquirer's readline without settling the prompt: nothing is left to
  // wait for, so Node would end with exit code 0. An empty event loop during a prompt is a cancellation.
  let onEmptyLoop: (() => void) | undefined;
  const endOfInput = new Promise<never>((_, reject) => {
    onEmptyLoop = () => reject(new AwstError('Cancelled.', 130));
    process.once('beforeExit', onEmptyLoop);
  });
  try {
    // biome-ignore lint/suspicious/noExplicitAny: inquirer's question union does not narrow from a variable.
    const answers = (await Promise.race([prompt([{ ...question, name: 'value' } as any]), endOfInput])) as {
      value: T;
    };
    return answers.value;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new AwstError('Cancelled.', 130);
    throw error;
  } finally {
    process.off('beforeExit', onEmptyLoop!);
    terminal.close();
  }
}
