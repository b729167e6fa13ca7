import { askOnTerminal } from './ask.js';

/** A yes/no question on the terminal; without a terminal the answer is no, so nothing is done unasked. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  try {
    return await askOnTerminal<boolean>(
      { type: 'confirm', message: question, default: false },
      'no terminal',
    );
  } catch (error) {
    if (error instanceof Error && error.message === 'no terminal') return false;
    throw error;
  }
}
