import { describe, expect, it } from 'vitest';
import { dropDeprecatedKeys } from '../../src/init/import-awstools.js';

describe('dropDeprecatedKeys', () => {
  it('leaves out defaultKmsKey and autoRotateMainAccountKey = true, keeping every other line', () => {
    const text =
      '# mine\r\ndefaultKmsKey = "alias/x"\r\nautoRotateMainAccountKey = true\r\ndefaultRegion = "eu-west-1"\r\n';
    const out = dropDeprecatedKeys(text);
    expect(out.text).toBe('# mine\r\ndefaultRegion = "eu-west-1"\r\n');
    expect(out.notes).toEqual([
      'Left out defaultKmsKey: awst keeps no encrypted files, so it has no use for a KMS key.',
      'Left out autoRotateMainAccountKey: awst rotates your key when keyRotationIntervalMinutes says so (0 turns it off).',
    ]);
  });

  it('autoRotateMainAccountKey = false becomes keyRotationIntervalMinutes = 0, replacing an interval if there is one', () => {
    expect(dropDeprecatedKeys('autoRotateMainAccountKey = false\n[accounts]\n').text).toBe(
      'keyRotationIntervalMinutes = 0\n[accounts]\n',
    );
    expect(
      dropDeprecatedKeys('keyRotationIntervalMinutes = 10080\nautoRotateMainAccountKey = false\n').text,
    ).toBe('keyRotationIntervalMinutes = 0\n');
  });

  it('touches only top-level keys', () => {
    const text = '[accounts]\ndefaultKmsKey = "123456789012"\n';
    expect(dropDeprecatedKeys(text)).toEqual({ text, notes: [] });
  });
});
