import { describe, expect, it } from 'vitest';
import { apiRegion, partitionOfArn } from '../../src/aws/partition.js';
import { grantedMinutes, reuseWindowMinutes, shortRoleProblem } from '../../src/sessions/refresh-window.js';

const config = { reuseCredentialsIfValidForMinutes: 15 };
const session = (durationMinutes: number) => ({
  mode: 'session' as const,
  durationMinutes,
  mfaMaxAgeMinutes: 60,
});
const direct = (durationMinutes: number) => ({
  mode: 'direct' as const,
  durationMinutes,
  mfaMaxAgeMinutes: 60,
});

describe('reuse window', () => {
  it("is reuseCredentialsIfValidForMinutes (botocore's 15-minute advisory window) for roles of 20 minutes or more", () => {
    for (const minutes of [20, 60, 240]) expect(reuseWindowMinutes(config, session(minutes))).toBe(15);
    expect(reuseWindowMinutes(config, direct(720))).toBe(15);
  });

  it("leaves a short role 5 minutes of reuse: 10 for 15 minutes, never inside botocore's mandatory window", () => {
    expect(reuseWindowMinutes(config, session(15))).toBe(10);
    expect(reuseWindowMinutes(config, session(17))).toBe(12);
    expect(reuseWindowMinutes({ reuseCredentialsIfValidForMinutes: 0 }, session(15))).toBe(0);
  });

  it('session mode grants at most 60 minutes', () => {
    expect(grantedMinutes(session(240))).toBe(60);
    expect(grantedMinutes(direct(240))).toBe(240);
  });

  it('warns about roles under 20 minutes only', () => {
    expect(shortRoleProblem('Short', session(15))).toMatch(/run awst before every request \(/);
    expect(shortRoleProblem('Short', session(17))).toMatch(/after 2 minutes/);
    expect(shortRoleProblem('Ok', session(20))).toBeUndefined();
  });
});

describe('partitions', () => {
  it('reads the partition from an ARN', () => {
    expect(partitionOfArn('arn:aws-cn:iam::123456789012:mfa/a')).toBe('aws-cn');
    expect(partitionOfArn('arn:aws-us-gov:iam::123456789012:mfa/a')).toBe('aws-us-gov');
    expect(partitionOfArn('arn:aws:iam::123456789012:mfa/a')).toBe('aws');
    expect(partitionOfArn(undefined)).toBeUndefined();
  });

  it("calls STS in the identity's partition", () => {
    expect(apiRegion('eu-west-1', 'aws-cn')).toBe('cn-north-1');
    expect(apiRegion('cn-northwest-1', 'aws-cn')).toBe('cn-northwest-1');
    expect(apiRegion('eu-west-1', 'aws-us-gov')).toBe('us-gov-west-1');
    expect(apiRegion('us-gov-east-1', 'aws-us-gov')).toBe('us-gov-east-1');
    expect(apiRegion('eu-west-1', undefined)).toBe('eu-west-1');
    expect(apiRegion('cn-north-1', 'aws')).toBe('us-east-1');
  });
});
