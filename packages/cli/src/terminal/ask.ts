import { createInterface } from 'node:readline';
import { AwstError, UsageError } from '../errors.js';
import { importExternal } from '../runtime/import-external.js';
import { plainTerminal } from './plain.js';
import { openTerminal, type TerminalStreams } from './tty.js';

type Question = {
  type: 'input' | 'password' | 'confirm';
  message: string;
  default?: unknown;
  validate?: (value: string) => true | string;
};

/** Asks one question on the terminal with inquirer; Ctrl-C ends awst with exit code 130. */
export async function askOnTerminal<T>(question: Question, noTerminal: string): Promise<T> {
  const terminal = openTerminal();
  if (!terminal) throw new UsageError(noTerminal);
  if (plainTerminal() && question.type !== 'password') {
    try {
      return (await askPlainly(question, terminal)) as T;
    } finally {
      terminal.close();
    }
  }
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

/**
 * The question as one line of plain text, answered by one line the terminal itself echoes and edits: no
 * colour, no cursor movement (--no-color, NO_COLOR, TERM=dumb). End of input cancels, as in inquirer.
 */
async function askPlainly(question: Question, terminal: TerminalStreams): Promise<string | boolean> {
  const lines = createInterface({ input: terminal.input, output: terminal.output, terminal: false });
  const closed = new Promise<undefined>((resolve) => lines.once('close', () => resolve(undefined)));
  // The terminal turns Ctrl-C into SIGINT: a cancellation (exit 130, files untouched), as in inquirer.
  const interrupted = new Promise<'interrupted'>((resolve) => {
    const onSigint = () => resolve('interrupted');
    process.once('SIGINT', onSigint);
    lines.once('close', () => process.off('SIGINT', onSigint));
  });
  const hint =
    question.type === 'confirm'
      ? question.default
        ? ' (Y/n)'
        : ' (y/N)'
      : question.default !== undefined
        ? ` (${String(question.default)})`
        : '';
  try {
    for (;;) {
      const answer = await Promise.race([
        new Promise<string>((resolve) => lines.question(`? ${question.message}${hint} `, resolve)),
        closed,
        interrupted,
      ]);
      if (answer === undefined || answer === 'interrupted') {
        terminal.output.write('\n');
        throw new AwstError('Cancelled.', 130);
      }
      const text = answer.trim();
      if (question.type === 'confirm') {
        if (text === '') return Boolean(question.default);
        if (/^y(es)?$/i.test(text)) return true;
        if (/^no?$/i.test(text)) return false;
        terminal.output.write('Answer y or n.\n');
        continue;
      }
      const value = text === '' && question.default !== undefined ? String(question.default) : answer;
      const problem = question.validate?.(value) ?? true;
      if (problem === true) return value;
      terminal.output.write(`${problem}\n`);
    }
  } finally {
    lines.close();
  }
}
