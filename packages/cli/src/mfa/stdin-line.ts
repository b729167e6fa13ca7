export type StdinLine = { line: string } | { end: 'eof' | 'silent' };

/**
 * One line of piped stdin; `eof` at end of input, `silent` when the pipe stays open but sends no line
 * within `waitMs` (ssh without a terminal, `docker exec -i`, CI runners): awst never waits forever.
 */
export function readStdinLine(
  waitMs: number,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<StdinLine> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (result: StdinLine) => {
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline !== -1) finish({ line: buffered.slice(0, newline).replace(/\r$/, '') });
    };
    const onEnd = () => finish(buffered === '' ? { end: 'eof' } : { line: buffered });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => finish({ end: 'silent' }), waitMs);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}
