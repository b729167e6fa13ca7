/** Static IPv4 `cidrsubnet(prefix, newbits, netnum)`, like Terraform's, so subnets are plain strings in the synth. */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) throw new Error(`bad IPv4 CIDR ${cidr}`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`bad IPv4 CIDR ${cidr}`);
  const newPrefix = prefix + newBits;
  if (newPrefix > 32) throw new Error(`cannot add ${newBits} bits to /${prefix}`);
  if (netNum < 0 || netNum >= 2 ** newBits)
    throw new Error(`net number ${netNum} does not fit ${newBits} bits`);
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 32 - newPrefix;
  const network = base - (base % 2 ** (32 - prefix)) + netNum * 2 ** hostBits;
  const out = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${out.join('.')}/${newPrefix}`;
}
