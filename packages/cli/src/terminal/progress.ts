/**
 * One line of progress on stderr that rewrites itself on a terminal; elsewhere (a log, a pipe) only the
 * first update is written, as a line of its own.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let shown = false;
  return {
    update(text: string): void {
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${text}`);
        shown = true;
      } else if (!shown) {
        stream.write(`${text}\n`);
        shown = true;
      }
    },
    /** Removes the line on a terminal, so the next message starts clean. */
    done(): void {
      if (shown && stream.isTTY) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
