import { UsageError } from '../errors.js';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** The shell to write for: --shell, else the basename of $SHELL (refused when awst cannot write for it), else bash. */
export function resolveShell(requested: string | undefined, env: NodeJS.ProcessEnv): Shell {
  if (requested) {
    const name = requested === 'pwsh' ? 'powershell' : requested;
    if ((SHELLS as readonly string[]).includes(name)) return name as Shell;
    throw new UsageError(`Unknown shell '${requested}'. Use one of: ${SHELLS.join(', ')}.`);
  }
  const base = (env.SHELL ?? '').split(/[\\/]/).pop() ?? '';
  if (base === 'fish' || base === 'zsh') return base;
  if (/^(pwsh|powershell)(\.exe)?$/i.test(base)) return 'powershell';
  // No $SHELL (cron, containers) or a Bourne-style shell: `export NAME='value'` is right for all of them.
  if (base === '' || POSIX_SHELLS.includes(base)) return 'bash';
  throw new UsageError(
    `$SHELL is ${base}, and awst writes shell lines only for ${SHELLS.join(', ')}. Give --shell with one of those, or set AWS_PROFILE yourself (csh: setenv AWS_PROFILE '<account> <role>').`,
  );
}

const POSIX_SHELLS = ['bash', 'sh', 'dash', 'ash', 'ksh', 'mksh', 'busybox'];

/** Lines that set and unset environment variables in `shell`, every value quoted so nothing in it expands. */
export function exportScript(
  shell: Shell,
  set: Record<string, string>,
  unset: readonly string[] = [],
): string {
  const lines: string[] = [];
  for (const name of unset) lines.push(unsetLine(shell, name));
  for (const [name, value] of Object.entries(set)) lines.push(setLine(shell, name, value));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function setLine(shell: Shell, name: string, value: string): string {
  switch (shell) {
    case 'fish':
      return `set -gx ${name} '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}';`;
    case 'powershell':
      // PowerShell ends a single-quoted string at ' and at U+2018–U+201B too; each is escaped by doubling.
      return `$env:${name} = '${value.replace(/['\u2018-\u201B]/g, (quote) => quote + quote)}'`;
    default:
      return `export ${name}='${value.replace(/'/g, `'\\''`)}'`;
  }
}

function unsetLine(shell: Shell, name: string): string {
  switch (shell) {
    case 'fish':
      // fish's `set` keeps the previous status, so a missing variable would make the whole script fail.
      return `set -e ${name}; or true;`;
    case 'powershell':
      return `Remove-Item Env:${name} -ErrorAction SilentlyContinue`;
    default:
      return `unset ${name}`;
  }
}
