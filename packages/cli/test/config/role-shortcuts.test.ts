import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { knownRoles, resolveRole } from '../../src/config/roles.js';
import { ConfigError } from '../../src/errors.js';

const FILE = '/home/u/.config/awst/config.toml';

describe('role shortcuts', () => {
  it("r and w are awstools' ReadOnlyAccess and PowerUserAccess, with a warning while config.toml does not know them", () => {
    const config = parseConfig('', FILE);
    expect(resolveRole(config, 'r')).toEqual({
      role: 'ReadOnlyAccess',
      warning:
        'role "ReadOnlyAccess" (shortcut "r") is not in config.toml, which knows AdminAccess, DeveloperAccess. Trying it anyway; if it is right, add [roles.ReadOnlyAccess] to config.toml to silence this.',
    });
    expect(resolveRole(config, 'w').role).toBe('PowerUserAccess');
    expect(resolveRole(config, 'AdminAccess')).toEqual({ role: 'AdminAccess' });
  });

  it('only the whole name is a shortcut: a role starting with r is itself', () => {
    expect(resolveRole(parseConfig('[roles.release]\n', FILE), 'release')).toEqual({ role: 'release' });
  });

  it('[roles.X] shortcut adds one or takes over r; a configured role named r wins over the shortcut', () => {
    const config = parseConfig(
      '[roles.ReadOnlyAccess]\n\n[roles.DeveloperAccess]\nshortcut = "d"\n\n[roles.Auditor]\nshortcut = "r"\n',
      FILE,
    );
    expect(config.roleShortcuts).toEqual({ d: 'DeveloperAccess', r: 'Auditor' });
    expect(resolveRole(config, 'd')).toEqual({ role: 'DeveloperAccess' });
    expect(resolveRole(config, 'r')).toEqual({ role: 'Auditor' });
    expect(resolveRole(config, 'w').warning).toContain(
      'knows AdminAccess, DeveloperAccess, ReadOnlyAccess, Auditor',
    );
    expect(resolveRole(parseConfig('[roles.r]\n', FILE), 'r')).toEqual({ role: 'r' });
    expect(knownRoles(config)).toEqual(['AdminAccess', 'DeveloperAccess', 'ReadOnlyAccess', 'Auditor']);
  });

  it('one shortcut for two roles is an error naming both', () => {
    expect(() => parseConfig('[roles.A]\nshortcut = "x"\n[roles.B]\nshortcut = "x"\n', FILE)).toThrow(
      new ConfigError(`${FILE}:4: shortcut "x" is given to both A and B; give each role its own.`),
    );
  });
});
