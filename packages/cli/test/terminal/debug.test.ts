import { describe, expect, it } from 'vitest';
import { formatDebugLine } from '../../src/terminal/debug.js';

describe('formatDebugLine', () => {
  it('writes key=value pairs, quoting values with spaces and leaving out undefined ones', () => {
    expect(
      formatDebugLine('reusing cached role credentials', {
        profile: 'prod Admin',
        roleArn: 'arn:aws:iam::123456789012:role/Admin',
        minutesLeft: 42.25,
        reuseWindowMinutes: 15,
        when: undefined,
        ok: true,
      }),
    ).toBe(
      'awst[debug]: reusing cached role credentials profile="prod Admin" roleArn=arn:aws:iam::123456789012:role/Admin minutesLeft=42.3 reuseWindowMinutes=15 ok=true',
    );
  });
});
