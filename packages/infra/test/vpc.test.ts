import { describe, expect, it } from 'vitest';
import { cidrSubnet } from '../src/cidr.js';
import { withOverrides } from '../src/settings/overrides.js';
import { settings } from '../src/settings.js';
import { type Json, refOf, resources, synthBaseline } from './helpers.js';

const vpc = (overrides: Partial<typeof settings.vpc> = {}) => synthBaseline({ vpc: overrides });
const ref = (json: Json, type: string, r: Json) => refOf(json, type, (x) => x === r);

describe('cidrSubnet', () => {
  it('matches Terraform cidrsubnet', () => {
    expect(cidrSubnet('10.0.0.0/16', 4, 0)).toBe('10.0.0.0/20');
    expect(cidrSubnet('10.0.0.0/16', 4, 1)).toBe('10.0.16.0/20');
    expect(cidrSubnet('10.0.0.0/16', 4, 8)).toBe('10.0.128.0/20');
    expect(cidrSubnet('10.0.0.0/16', 8, 255)).toBe('10.0.255.0/24');
    expect(cidrSubnet('172.16.5.0/16', 4, 2)).toBe('172.16.32.0/20');
    expect(() => cidrSubnet('10.0.0.0/16', 4, 16)).toThrow();
  });
});

describe('core VPC', () => {
  const json = vpc();

  it('is 10.0.0.0/16 with a Name tag; provider default_tags tag the rest', () => {
    expect(resources(json, 'aws_vpc')).toEqual([
      expect.objectContaining({
        cidr_block: '10.0.0.0/16',
        tags: { Name: 'core' },
        enable_dns_hostnames: true,
      }),
    ]);
    expect(json.provider.aws[0].default_tags[0].tags.Project).toBe('awst');
  });

  it('has a public and a private subnet per zone, zones by index from aws_availability_zones', () => {
    expect(settings.vpc.zoneCount).toBe(3);
    expect(json.data.aws_availability_zones).toBeDefined();
    const zonesRef = Object.keys(json.data.aws_availability_zones)[0];
    const subnets = resources(json, 'aws_subnet');
    expect(subnets).toHaveLength(6);
    const pub = subnets.filter((s) => s.tags.Tier === 'public');
    const priv = subnets.filter((s) => s.tags.Tier === 'private');
    expect(pub.map((s) => s.cidr_block)).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
    expect(priv.map((s) => s.cidr_block)).toEqual(['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20']);
    pub.forEach((s, i) => {
      expect(s.availability_zone).toBe(`\${element(data.aws_availability_zones.${zonesRef}.names, ${i})}`);
      expect(priv[i].availability_zone).toBe(s.availability_zone);
    });
  });

  it('honours zoneCount and explicit zone names', () => {
    expect(resources(vpc({ zoneCount: 2 }), 'aws_subnet')).toHaveLength(4);
    const explicit = vpc({ zoneNames: ['eu-west-1a', 'eu-west-1c'] });
    expect(explicit.data?.aws_availability_zones).toBeUndefined();
    expect(
      resources(explicit, 'aws_subnet')
        .map((s) => s.availability_zone)
        .sort(),
    ).toEqual(['eu-west-1a', 'eu-west-1a', 'eu-west-1c', 'eu-west-1c']);
    expect(() => withOverrides({ vpc: { ...settings.vpc, zoneCount: 9 } })).toThrow(/zone count/);
  });

  it('routes public subnets to the internet gateway with explicit associations', () => {
    const igw = refOf(json, 'aws_internet_gateway', () => true);
    const publicRt = refOf(json, 'aws_route_table', (r) => r.tags.Name === 'core-public');
    const routes = resources(json, 'aws_route').filter((r) => r.route_table_id === publicRt);
    expect(routes).toEqual([
      expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', gateway_id: igw }),
    ]);
    const subnets = resources(json, 'aws_subnet');
    const publicIds = subnets.filter((s) => s.tags.Tier === 'public').map((s) => ref(json, 'aws_subnet', s));
    const assoc = resources(json, 'aws_route_table_association').filter((a) => a.route_table_id === publicRt);
    expect(assoc.map((a) => a.subnet_id)).toEqual(publicIds);
  });

  it('per-zone: one NAT per zone, in the public subnets, EIP domain vpc, private route per zone', () => {
    const subnets = resources(json, 'aws_subnet');
    const publicIds = subnets.filter((s) => s.tags.Tier === 'public').map((s) => ref(json, 'aws_subnet', s));
    const privateIds = subnets
      .filter((s) => s.tags.Tier === 'private')
      .map((s) => ref(json, 'aws_subnet', s));
    const nats = resources(json, 'aws_nat_gateway');
    expect(nats.map((n) => n.subnet_id)).toEqual(publicIds);
    for (const eip of resources(json, 'aws_eip')) expect(eip.domain).toBe('vpc');
    expect(resources(json, 'aws_eip')).toHaveLength(3);
    const natIds = nats.map((n) => ref(json, 'aws_nat_gateway', n));
    privateIds.forEach((subnetId, i) => {
      const rt = resources(json, 'aws_route_table_association').find(
        (a) => a.subnet_id === subnetId,
      ).route_table_id;
      expect(rt).not.toBe(refOf(json, 'aws_route_table', (r) => r.tags.Name === 'core-public'));
      const route = resources(json, 'aws_route').find((r) => r.route_table_id === rt);
      expect(route).toMatchObject({ destination_cidr_block: '0.0.0.0/0', nat_gateway_id: natIds[i] });
    });
    expect(resources(json, 'aws_route_table')).toHaveLength(4);
  });

  it('single: one NAT in the first public subnet shared by every private route table', () => {
    const single = vpc({ natGateways: 'single' });
    const nats = resources(single, 'aws_nat_gateway');
    expect(nats).toHaveLength(1);
    expect(nats[0].subnet_id).toBe(refOf(single, 'aws_subnet', (s) => s.tags.Name === 'core-public-0'));
    const natId = refOf(single, 'aws_nat_gateway', () => true);
    expect(resources(single, 'aws_route').filter((r) => r.nat_gateway_id === natId)).toHaveLength(3);
    expect(resources(single, 'aws_route_table')).toHaveLength(4);
  });

  it('none: no NAT, no EIP, private route tables without a default route', () => {
    const none = vpc({ natGateways: 'none' });
    expect(none.resource.aws_nat_gateway).toBeUndefined();
    expect(none.resource.aws_eip).toBeUndefined();
    expect(resources(none, 'aws_route')).toHaveLength(1);
  });

  it('locks down the default security group (no rules)', () => {
    const sg = resources(json, 'aws_default_security_group');
    expect(sg).toHaveLength(1);
    expect(sg[0].vpc_id).toBe(refOf(json, 'aws_vpc', () => true));
    expect(sg[0].ingress).toBeUndefined();
    expect(sg[0].egress).toBeUndefined();
  });

  it('gives every VPC resource a Name tag', () => {
    for (const type of [
      'aws_vpc',
      'aws_subnet',
      'aws_internet_gateway',
      'aws_route_table',
      'aws_nat_gateway',
      'aws_eip',
      'aws_default_security_group',
    ]) {
      for (const r of resources(json, type)) expect(r.tags.Name, type).toMatch(/^core/);
    }
  });

  it('can be disabled', () => {
    expect(vpc({ enabled: false }).resource.aws_vpc).toBeUndefined();
  });

  it('has no flow logs unless switched on (the e2e test applies them)', () => {
    expect(resources(json, 'aws_flow_log')).toEqual([]);
    expect(resources(vpc({ flowLogs: true }), 'aws_flow_log')).toHaveLength(1);
  });
});
