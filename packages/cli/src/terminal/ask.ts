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
  // Ctrl-D (end of input) closes inquirer's readline, which pauses the input, without settling the
  // prompt: awst would wait forever on /dev/tty, or end with exit 0 once nothing is left to wait for.
  // Either is a cancellation, unless the prompt settled meanwhile (an answer also closes the readline).
  let settled = false;
  let cancel: (error: Error) => void = () => {};
  const endOfInput = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  endOfInput.catch(() => {});
  const onInputClosed = () =>
    setImmediate(() => {
      if (!settled) cancel(new AwstError('Cancelled.', 130));
    });
  terminal.input.on('pause', onInputClosed);
  process.once('beforeExit', onInputClosed);
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
    settled = true;
    terminal.input.off('pause', onInputClosed);
    process.off('beforeExit', onInputClosed);
    terminal.close();
  }
}
