/**
 * Whether prompts must be plain text: no colour and no cursor movement. `--no-color` sets it for the whole
 * command (main.ts); `NO_COLOR` (no-color.org) and `TERM=dumb` (a terminal that cannot move the cursor,
 * such as an editor's shell buffer) ask for the same.
 */
let noColorFlag = false;

export function setNoColor(): void {
  noColorFlag = true;
}

export function plainTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return noColorFlag || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
}
