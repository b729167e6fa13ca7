import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resolveShell } from '../../src/shell/export.js';

describe('resolveShell from $SHELL', () => {
  it('Bourne-style shells and no $SHELL get export lines', () => {
    for (const shell of ['/bin/sh', '/bin/dash', '/bin/ksh', '/usr/bin/bash']) {
      expect(resolveShell(undefined, { SHELL: shell })).toBe('bash');
    }
    expect(resolveShell(undefined, {})).toBe('bash');
  });

  it('a shell awst cannot write for is refused with --shell to use, not given bash syntax', () => {
    expect(() => resolveShell(undefined, { SHELL: '/usr/bin/tcsh' })).toThrow(UsageError);
    expect(() => resolveShell(undefined, { SHELL: '/usr/bin/tcsh' })).toThrow(
      "$SHELL is tcsh, and awst writes shell lines only for bash, zsh, fish, powershell. Give --shell with one of those, or set AWS_PROFILE yourself (csh: setenv AWS_PROFILE '<account> <role>').",
    );
    expect(resolveShell('bash', { SHELL: '/usr/bin/tcsh' })).toBe('bash');
  });
});
