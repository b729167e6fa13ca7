import { spawnSync } from 'node:child_process';
import { shellAvailable } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { exportScript, resolveShell } from '../../src/shell/export.js';

const TRICKY = `it's "$HOME" \`whoami\` \\ $(echo no) !`;

describe('exportScript', () => {
  it.for(['bash', 'zsh'] as const)(
    '%s: values with quotes, dollars and backticks survive eval',
    (shell, { skip }) => {
      skip(!shellAvailable(shell), `${shell} is not installed`);
      const script = exportScript(shell, { AWST_TEST_VALUE: TRICKY }, ['AWST_TEST_GONE']);
      const out = spawnSync(
        shell,
        ['-c', `${script}printf '%s|%s' "$AWST_TEST_VALUE" "\${AWST_TEST_GONE-unset}"`],
        {
          env: { PATH: process.env.PATH, AWST_TEST_GONE: 'present' },
          encoding: 'utf8',
        },
      );
      expect(out.stdout).toBe(`${TRICKY}|unset`);
    },
  );

  it('fish quoting escapes backslashes and single quotes', () => {
    expect(exportScript('fish', { A: TRICKY }, ['B'])).toBe(
      `set -e B; or true;\nset -gx A 'it\\'s "$HOME" \`whoami\` \\\\ $(echo no) !';\n`,
    );
  });

  it.skipIf(!shellAvailable('fish'))(
    'fish: the script sources cleanly, with status 0, and the value survives',
    () => {
      const script = exportScript('fish', { AWST_TEST_VALUE: TRICKY }, [
        'AWST_TEST_GONE',
        'AWST_TEST_NEVER_SET',
      ]);
      const out = spawnSync(
        'fish',
        [
          '-c',
          `${script}echo "status=$status"; printf '%s|' "$AWST_TEST_VALUE"; set -q AWST_TEST_GONE; or echo unset`,
        ],
        {
          env: { PATH: process.env.PATH, AWST_TEST_GONE: 'present' },
          encoding: 'utf8',
        },
      );
      expect(out.stdout).toBe(`status=0\n${TRICKY}|unset\n`);
    },
  );

  it('PowerShell: crafted values with any of its five single quotes stay inside the string', () => {
    for (const value of [
      "it's",
      'eu\u2019; Remove-Item -Recurse ~; \u2019',
      "\u2018\u2019\u201A\u201B'",
      "x''",
      'a $env:HOME `n "q"',
    ]) {
      const script = exportScript('powershell', { AWS_REGION: value });
      const parsed = parsePowerShellAssignment(script.trimEnd());
      expect(parsed).toEqual({ name: 'AWS_REGION', value, rest: '' });
    }
  });

  it('PowerShell doubles single quotes', () => {
    expect(exportScript('powershell', { A: "it's $env:HOME" }, ['B'])).toBe(
      "Remove-Item Env:B -ErrorAction SilentlyContinue\n$env:A = 'it''s $env:HOME'\n",
    );
  });
});

/**
 * `$env:NAME = '…'` read as PowerShell's tokenizer reads a single-quoted string (ScanStringLiteral in
 * PowerShell's tokenizer.cs): any of ' U+2018 U+2019 U+201A U+201B ends it, unless another of them
 * follows, in which case the second one is kept. `rest` is whatever follows the string: code, if not empty.
 */
function parsePowerShellAssignment(line: string): { name: string; value: string; rest: string } {
  const head = /^\$env:([A-Za-z_][A-Za-z0-9_]*) = /.exec(line);
  if (!head) throw new Error(`not an assignment: ${line}`);
  const isQuote = (c: string | undefined) => c !== undefined && /['\u2018-\u201B]/.test(c);
  let i = head[0].length;
  if (!isQuote(line[i])) throw new Error('no string');
  i++;
  let value = '';
  for (;;) {
    const c = line[i++];
    if (c === undefined) throw new Error('unterminated string');
    if (isQuote(c)) {
      if (!isQuote(line[i])) break;
      value += line[i++];
      continue;
    }
    value += c;
  }
  return { name: head[1]!, value, rest: line.slice(i) };
}

describe('resolveShell', () => {
  it('takes --shell, then $SHELL, then bash', () => {
    expect(resolveShell('fish', { SHELL: '/bin/zsh' })).toBe('fish');
    expect(resolveShell('pwsh', {})).toBe('powershell');
    expect(resolveShell(undefined, { SHELL: '/usr/bin/zsh' })).toBe('zsh');
    expect(resolveShell(undefined, { SHELL: '/opt/homebrew/bin/fish' })).toBe('fish');
    expect(resolveShell(undefined, { SHELL: '/usr/local/bin/pwsh' })).toBe('powershell');
    expect(resolveShell(undefined, {})).toBe('bash');
    expect(() => resolveShell('tcsh', {})).toThrow(/Unknown shell 'tcsh'/);
  });
});
