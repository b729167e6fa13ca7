/**
 * AWS partitions awst works in. An IAM user, its MFA device and its roles all live in one partition, which
 * every ARN names (`arn:aws-cn:iam::…`); role ARNs, STS and the console sign-in follow it.
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionFacts {
  /** Where STS and IAM are called when the configured region lies in another partition. */
  defaultRegion: string;
  regionPrefix: RegExp;
  dnsSuffix: string;
  federationEndpoint: string;
  consoleHome: string;
}

export const PARTITIONS: Record<Partition, PartitionFacts> = {
  aws: {
    defaultRegion: 'us-east-1',
    regionPrefix: /^(?!cn-|us-gov-)/,
    dnsSuffix: 'amazonaws.com',
    federationEndpoint: 'https://signin.aws.amazon.com/federation',
    consoleHome: 'https://console.aws.amazon.com/console/home',
  },
  'aws-cn': {
    defaultRegion: 'cn-north-1',
    regionPrefix: /^cn-/,
    dnsSuffix: 'amazonaws.com.cn',
    federationEndpoint: 'https://signin.amazonaws.cn/federation',
    consoleHome: 'https://console.amazonaws.cn/console/home',
  },
  'aws-us-gov': {
    defaultRegion: 'us-gov-west-1',
    regionPrefix: /^us-gov-/,
    dnsSuffix: 'amazonaws.com',
    federationEndpoint: 'https://signin.amazonaws-us-gov.com/federation',
    consoleHome: 'https://console.amazonaws-us-gov.com/console/home',
  },
};

/** The partition an ARN names, or undefined for no ARN (or one of a partition awst does not know). */
export function partitionOfArn(arn: string | undefined): Partition | undefined {
  const name = /^arn:([\w-]+):/.exec(arn ?? '')?.[1];
  return name !== undefined && name in PARTITIONS ? (name as Partition) : undefined;
}

export function partitionOfRegion(region: string): Partition {
  if (PARTITIONS['aws-cn'].regionPrefix.test(region)) return 'aws-cn';
  if (PARTITIONS['aws-us-gov'].regionPrefix.test(region)) return 'aws-us-gov';
  return 'aws';
}

/**
 * The region awst's own STS and IAM calls use: the configured one when it lies in the identity's
 * partition, else that partition's default (keys of aws-cn are unknown to eu-west-1's STS).
 */
export function apiRegion(configuredRegion: string, partition: Partition | undefined): string {
  if (!partition || partitionOfRegion(configuredRegion) === partition) return configuredRegion;
  return PARTITIONS[partition].defaultRegion;
}

export function roleArnIn(partition: Partition, accountId: string, role: string): string {
  return `arn:${partition}:iam::${accountId}:role/${role}`;
}
