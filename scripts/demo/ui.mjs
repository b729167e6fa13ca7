// What the demo prints: one block per step (a header, detail lines, a result line with the step's seconds),
// a spinner with the running command on a terminal only, and a summary table at the end.

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const seconds = (ms) => (ms / 1000).toFixed(1);

export function createReporter({ out = process.stdout, total, redact = (text) => text } = {}) {
  const tty = Boolean(out.isTTY) && !process.env.CI;
  const color = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  const rows = [];
  let current;
  let timer;
  let frame = 0;

  const clearLine = () => tty && out.write('\r\x1b[2K');
  const draw = () => {
    if (!tty || !current) return;
    const head = `${SPINNER[frame++ % SPINNER.length]} ${current.index}/${total} ${seconds(Date.now() - current.start)} s`;
    const room = Math.max(0, (out.columns || 80) - head.length - 2);
    const busy = current.activity ? ` ${color('2', current.activity.slice(0, room))}` : '';
    clearLine();
    out.write(`${head}${busy}`);
  };
  /** Prints a line (secrets masked, the temp HOME shown as ~ unless `raw`). */
  const print = (text, { raw = false } = {}) => {
    clearLine();
    out.write(`${raw ? text : redact(text)}\n`);
    draw();
  };

  return {
    tty,
    print,
    /** Starts step `index` (1-based); returns helpers for its output. */
    start(index, title) {
      current = { index, title, start: Date.now(), activity: '' };
      print(color('1', `── ${index}/${total} ${title}`));
      if (tty) timer = setInterval(draw, 100);
      return {
        detail: (text) => print(`   ${text}`),
        note: (text) => print(color('33', `   note: ${text}`)),
        activity: (text) => {
          if (current) current.activity = redact(text);
          draw();
        },
      };
    },
    /** Ends the current step: `ok`, `FAILED` or `interrupted`. */
    end(result) {
      clearInterval(timer);
      if (!current) return;
      const ms = Date.now() - current.start;
      rows.push({ index: current.index, title: current.title, result, ms });
      const mark = result === 'ok' ? color('32', '✔') : color('31', '✘');
      clearLine();
      out.write(`${mark} ${current.index}/${total} ${current.title}: ${result} in ${seconds(ms)} s\n\n`);
      current = undefined;
    },
    /** The table of every step, with `skipped` for those never started. */
    summary(titles, totalMs) {
      const lines = titles.map((title, i) => {
        const row = rows.find((r) => r.index === i + 1);
        return [`${i + 1}. ${title}`, row?.result ?? 'skipped', row ? seconds(row.ms) : '-'];
      });
      lines.push(['total', '', seconds(totalMs)]);
      const width = Math.max(4, ...lines.map((l) => l[0].length));
      out.write(`${'step'.padEnd(width)}  ${'result'.padEnd(11)}  seconds\n`);
      out.write(`${'-'.repeat(width)}  ${'-'.repeat(11)}  -------\n`);
      for (const [step, result, secs] of lines) {
        out.write(`${step.padEnd(width)}  ${result.padEnd(11)}  ${secs.padStart(7)}\n`);
      }
    },
  };
}
