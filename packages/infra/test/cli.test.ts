import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli.js';

describe('cli arguments', () => {
  it('defaults to the baseline stack and passes Terraform args through', () => {
    expect(parseArgs(['deploy', '-auto-approve'])).toEqual({
      command: 'deploy',
      stack: 'baseline',
      passThrough: ['-auto-approve'],
    });
  });

  it('selects a stack with --stack NAME or --stack=NAME', () => {
    expect(parseArgs(['plan', '--stack', 'organization', '-out=plan'])).toEqual({
      command: 'plan',
      stack: 'organization',
      passThrough: ['-out=plan'],
    });
    expect(parseArgs(['destroy', '--stack=organization']).stack).toBe('organization');
    expect(parseArgs(['synth', '--', '-x']).passThrough).toEqual(['-x']);
  });

  it('rejects unknown commands and stacks', () => {
    expect(() => parseArgs(['apply'])).toThrow(/usage/);
    expect(() => parseArgs([])).toThrow(/usage/);
    expect(() => parseArgs(['plan', '--stack', 'nope'])).toThrow(/unknown stack/);
  });
});
