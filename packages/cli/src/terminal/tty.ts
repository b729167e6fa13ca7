import { openSync } from 'node:fs';
import tty from 'node:tty';

export interface TerminalStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  close(): void;
}

/**
 * The user's terminal for a prompt: stdin and stderr when both are one, else /dev/tty (so a prompt still
 * works when stdout is captured by `eval "$(…)"` or an SDK). Undefined when the process has no terminal.
 */
export function openTerminal(): TerminalStreams | undefined {
  if (process.stdin.isTTY && process.stderr.isTTY) {
    return { input: process.stdin, output: process.stderr, close: () => process.stdin.pause() };
  }
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  const input = new tty.ReadStream(fd);
  const output = new tty.WriteStream(fd);
  return {
    input,
    output,
    close: () => {
      input.destroy();
      output.destroy();
    },
  };
}
