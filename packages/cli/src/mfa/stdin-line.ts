/** One line of piped stdin, or undefined at end of input. */
export function readStdinLine(stdin: NodeJS.ReadStream = process.stdin): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (line: string | undefined) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline !== -1) finish(buffered.slice(0, newline).replace(/\r$/, ''));
    };
    const onEnd = () => finish(buffered === '' ? undefined : buffered);
    const onError = (error: Error) => reject(error);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}
