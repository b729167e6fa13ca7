import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { cidrSubnet } from '../cidr.js';
import { policyJson } from '../policies.js';
import type { VpcSettings } from '../settings.js';

export interface CoreVpcProps extends VpcSettings {
  provider?: TerraformProvider;
}

/**
 * VPC with one public and one private subnet per zone, an internet gateway, a public route table, NAT
 * gateways in public subnets (per zone, single or none), one private route table per zone, and the default
 * security group stripped of all rules; optionally flow logs (all traffic) into a CloudWatch Logs group.
 */
export class CoreVpc extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[] = [];
  readonly privateSubnets: Subnet[] = [];
  readonly natGateways: NatGateway[] = [];

  constructor(scope: Construct, id: string, props: CoreVpcProps) {
    super(scope, id);
    const provider = props.provider;
    const name = props.name;
    const tags = (suffix: string) => ({ Name: `${name}-${suffix}` });

    const explicitZones = props.zoneNames.length > 0;
    const zoneCount = explicitZones ? props.zoneNames.length : props.zoneCount;
    const available = explicitZones
      ? undefined
      : new DataAwsAvailabilityZones(this, 'zones', { provider, state: 'available' });
    const zone = (i: number): string =>
      explicitZones ? props.zoneNames[i]! : Fn.element(available!.names, i);

    this.vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });
    const vpcId = this.vpc.id;

    new DefaultSecurityGroup(this, 'default-sg', { provider, vpcId, tags: tags('default-locked') });

    const igw = new InternetGateway(this, 'igw', { provider, vpcId, tags: tags('igw') });
    const publicRt = new RouteTable(this, 'public-rt', { provider, vpcId, tags: tags('public') });
    new Route(this, 'public-default-route', {
      provider,
      routeTableId: publicRt.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    for (let i = 0; i < zoneCount; i++) {
      const pub = new Subnet(this, `public-${i}`, {
        provider,
        vpcId,
        availabilityZone: zone(i),
        cidrBlock: cidrSubnet(props.cidr, props.subnetNewBits, i),
        mapPublicIpOnLaunch: false,
        tags: { ...tags(`public-${i}`), Tier: 'public' },
      });
      this.publicSubnets.push(pub);
      new RouteTableAssociation(this, `public-${i}-rta`, {
        provider,
        subnetId: pub.id,
        routeTableId: publicRt.id,
      });
      const priv = new Subnet(this, `private-${i}`, {
        provider,
        vpcId,
        availabilityZone: zone(i),
        cidrBlock: cidrSubnet(props.cidr, props.subnetNewBits, 2 ** (props.subnetNewBits - 1) + i),
        tags: { ...tags(`private-${i}`), Tier: 'private' },
      });
      this.privateSubnets.push(priv);
    }

    const natCount = props.natGateways === 'per-zone' ? zoneCount : props.natGateways === 'single' ? 1 : 0;
    for (let i = 0; i < natCount; i++) {
      const eip = new Eip(this, `nat-${i}-eip`, { provider, domain: 'vpc', tags: tags(`nat-${i}`) });
      this.natGateways.push(
        new NatGateway(this, `nat-${i}`, {
          provider,
          allocationId: eip.id,
          subnetId: this.publicSubnets[i]!.id,
          connectivityType: 'public',
          tags: tags(`nat-${i}`),
          dependsOn: [igw],
        }),
      );
    }

    this.privateSubnets.forEach((subnet, i) => {
      const rt = new RouteTable(this, `private-${i}-rt`, { provider, vpcId, tags: tags(`private-${i}`) });
      new RouteTableAssociation(this, `private-${i}-rta`, {
        provider,
        subnetId: subnet.id,
        routeTableId: rt.id,
      });
      const nat = this.natGateways[props.natGateways === 'per-zone' ? i : 0];
      if (nat) {
        new Route(this, `private-${i}-default-route`, {
          provider,
          routeTableId: rt.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: nat.id,
        });
      }
    });

    if (props.flowLogs) this.addFlowLogs(props, tags('flow-logs'));
  }

  private addFlowLogs(props: CoreVpcProps, tags: Record<string, string>): void {
    const provider = props.provider;
    const group = new CloudwatchLogGroup(this, 'flow-log-group', {
      provider,
      name: `/vpc/${props.name}/flow-logs`,
      retentionInDays: props.flowLogRetentionDays,
      tags,
    });
    const role = new IamRole(this, 'flow-log-role', {
      provider,
      name: `${props.name}-vpc-flow-logs`,
      assumeRolePolicy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
      tags,
    });
    new IamRolePolicy(this, 'flow-log-role-policy', {
      provider,
      name: 'WriteFlowLogs',
      role: role.name,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [group.arn, `${group.arn}:*`],
          },
        ],
      }),
    });
    new FlowLog(this, 'flow-log', {
      provider,
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      tags,
    });
  }
}
