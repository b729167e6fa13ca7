import { describe, expect, it } from 'vitest';
import { translateAwstoolsArgs } from '../../src/cli/awstools-args.js';
import { UsageError } from '../../src/errors.js';

const t = (line: string) => translateAwstoolsArgs(line.split(' '));

describe("awstools' command line in awst's terms", () => {
  it('-v is the version, before the command only', () => {
    expect(t('-v')).toEqual(['--version']);
    expect(t('-c x.toml -v')).toEqual(['-c', 'x.toml', '--version']);
  });

  it('rotate-main-account-key and r are rotate-keys', () => {
    expect(t('rotate-main-account-key')).toEqual(['rotate-keys']);
    expect(t('-c r r --dry-run')).toEqual(['-c', 'r', 'rotate-keys', '--dry-run']);
    expect(t('help r')).toEqual(['help', 'rotate-keys']);
  });

  it('--export FILE before the pair is --export-file; --export before the pair alone stays --export', () => {
    expect(t('assume --export /tmp/assume.tmp --export-profile prod dev')).toEqual([
      'assume',
      '--export-file',
      '/tmp/assume.tmp',
      '--export-profile',
      'prod',
      'dev',
    ]);
    expect(t('assume --export prod dev')).toEqual(['assume', '--export', 'prod', 'dev']);
    expect(t('assume -t 123456 --export prod dev')).toEqual([
      'assume',
      '-t',
      '123456',
      '--export',
      'prod',
      'dev',
    ]);
    expect(t('assume prod dev --export')).toEqual(['assume', 'prod', 'dev', '--export']);
    expect(t('assume -e f prod dev')).toEqual(['assume', '--export-file', 'f', 'prod', 'dev']);
    expect(t('assume --export=f prod dev')).toEqual(['assume', '--export-file=f', 'prod', 'dev']);
  });

  it.each([
    ['ec2', 'aws ec2 describe-instances'],
    ['cf', 'aws cloudformation describe-stacks'],
    ['cloudformation', 'aws cloudformation describe-stacks'],
    ['ddb', 'aws dynamodb'],
    ['dynamodb', 'aws dynamodb'],
    ['kms', 'aws kms'],
    ['kinesis', 'aws kinesis'],
    ['cw', 'aws logs filter-log-events'],
    ['cloudwatch', 'aws logs filter-log-events'],
  ])('awstools %s is refused with the AWS CLI command to run through a role', (command, instead) => {
    expect(() => t(`${command} x`)).toThrow(UsageError);
    expect(() => t(`${command} x`)).toThrow(`awst run <account> <role> -- ${instead}`);
  });

  it('leaves awst arguments alone', () => {
    expect(t('run prod dev')).toEqual(['run', 'prod', 'dev']);
    expect(t('assume r w')).toEqual(['assume', 'r', 'w']);
  });
});
