import { describe, expect, it } from 'vitest';
import { parseArgs, settingsFor } from '../src/cli.js';
import { EMULATOR_EXCEPTIONS } from '../src/settings/emulator.js';
import { settings } from '../src/settings.js';
import { resourceIds, synthBaseline } from './helpers.js';

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

describe('the emulator case (AWST_INFRA_EMULATOR)', () => {
  it('is off by default and for any other value: the settings as edited, nothing said', () => {
    for (const env of [
      {},
      { AWST_INFRA_EMULATOR: '0' },
      { AWST_INFRA_EMULATOR: '' },
      { AWST_INFRA_EMULATOR: 'no' },
    ]) {
      const said: string[] = [];
      expect(settingsFor(env, (line) => said.push(line))).toBe(settings);
      expect(said).toEqual([]);
    }
  });

  it('turns off exactly what moto cannot apply, and says each thing on stderr', () => {
    for (const value of ['1', 'true', 'TRUE']) {
      const said: string[] = [];
      const s = settingsFor({ AWST_INFRA_EMULATOR: value }, (line) => said.push(line));
      expect(s.auditTrail.enabled).toBe(false);
      expect(s.accountPublicAccessBlock).toBe(false);
      expect(s.forceDestroyUsers).toBe(false);
      expect(s.accessAnalyzer).toBe(false);
      // Everything else is the settings as edited.
      expect({
        ...s,
        auditTrail: settings.auditTrail,
        accountPublicAccessBlock: settings.accountPublicAccessBlock,
        forceDestroyUsers: settings.forceDestroyUsers,
        accessAnalyzer: settings.accessAnalyzer,
      }).toEqual(settings);
      expect(said[0]).toMatch(/^AWST_INFRA_EMULATOR: .*emulator.*not for AWS/);
      expect(said).toHaveLength(EMULATOR_EXCEPTIONS.length + 1);
      for (const name of ['CloudTrail', 'Block Public Access', 'force_destroy', 'Access Analyzer']) {
        expect(said.some((line) => line.includes(name))).toBe(true);
      }
    }
  });

  it('synthesizes no trail, no account-wide public access block, no Access Analyzer, and users without force_destroy', () => {
    const emulated = synthBaseline({
      auditTrail: { enabled: false },
      accountPublicAccessBlock: false,
      forceDestroyUsers: false,
      accessAnalyzer: false,
    });
    const real = synthBaseline();
    expect(resourceIds(real, 'aws_cloudtrail')).not.toEqual([]);
    expect(resourceIds(emulated, 'aws_cloudtrail')).toEqual([]);
    expect(resourceIds(real, 'aws_s3_account_public_access_block')).not.toEqual([]);
    expect(resourceIds(emulated, 'aws_s3_account_public_access_block')).toEqual([]);
    expect(resourceIds(real, 'aws_accessanalyzer_analyzer')).not.toEqual([]);
    expect(resourceIds(emulated, 'aws_accessanalyzer_analyzer')).toEqual([]);
    const users = Object.values(emulated.resource.aws_iam_user) as { force_destroy?: boolean }[];
    expect(users.every((u) => u.force_destroy === false)).toBe(true);
  });
});
