import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../src/shell/completion.js';
import { shellInitScript } from '../../src/shell/shell-init.js';

describe('awst shell-init', () => {
  it.each(['bash', 'zsh', 'fish'])('for %s defines aws_assume, aws_assume_keys and aws_unassume', (shell) => {
    const script = shellInitScript(shell);
    const defines = (name: string) =>
      new RegExp(shell === 'fish' ? `^function ${name} ` : `^${name}\\(\\) \\{`, 'm').test(script);
    expect(['aws_assume', 'aws_assume_keys', 'aws_unassume'].filter((name) => !defines(name))).toEqual([]);
    expect(script).toContain(
      `awst assume "$@" --export --shell ${shell}`.replace('"$@"', shell === 'fish' ? '$argv' : '"$@"'),
    );
  });

  it.each(['bash', 'fish'])('for %s holds the completion of awst completion', (shell) => {
    const completion = completionScript(shell).replace(/^(#.*\n)+/, '');
    expect(shellInitScript(shell).endsWith(completion)).toBe(true);
  });

  it('for zsh registers the completion only when compinit has run, and never stops the rc file', () => {
    const script = shellInitScript('zsh');
    expect(script).toContain('compdef _awst awst');
    expect(script).not.toMatch(/^\s*(return|exit)\b/m);
  });

  it('refuses another shell with the ones it knows', () => {
    expect(() => shellInitScript('tcsh')).toThrow("No shell-init for 'tcsh'. Use one of: bash, zsh, fish.");
  });
});

describe("awst's messages", () => {
  it('point at no file of the repository (a user who installed awst has none of them)', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)],
      );
    const pointers = files(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /['"`][^'"`]*\bexamples\//.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(pointers).toEqual([]);
  });
});
