/**
 * EC2 actions that change the network. `Verb*Noun*` patterns keep `Describe*` allowed while covering every
 * create/modify/delete/attach/associate/replace/accept call on VPC plumbing.
 */
export const NETWORK_CHANGE_ACTIONS: readonly string[] = (() => {
  const verbs = [
    'Accept',
    'Allocate',
    'Associate',
    'Attach',
    'Create',
    'Delete',
    'Detach',
    'Disable',
    'Disassociate',
    'Enable',
    'Modify',
    'Reject',
    'Release',
    'Replace',
  ];
  const nouns = [
    'Vpc',
    'Subnet',
    'Gateway',
    'Route',
    'NetworkAcl',
    'VpnConnection',
    'TransitGateway',
    'DhcpOptions',
    'Ipam',
  ];
  return [
    ...verbs.flatMap((verb) => nouns.map((noun) => `ec2:${verb}*${noun}*`)),
    'ec2:AcceptVpcPeeringConnection',
    'ec2:CreateDefaultVpc',
    'ec2:CreateDefaultSubnet',
    'ec2:MoveAddressToVpc',
  ];
})();
