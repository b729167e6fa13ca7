// Issue 14's figures: AWS calls of a cold assume with automatic key rotation on (the default interval),
// once for a key awst has never seen and once later, when only the MFA session and role keys expired.
import { readFileSync, writeFileSync } from 'node:fs';
import { createUserWithMfa, createWorkspace, writeAwstConfig, writeMainKey } from '@awst/testkit';

const CONFIG = `defaultRegion = "eu-west-1"
keyRotationIntervalMinutes = 10080

[accounts]
main-account = "123456789012"
`;

export async function autoRotationCalls({ moto, report, goal, countCalls }) {
  const user = await createUserWithMfa(moto.endpoint, 'bench-rotation');
  const ws = createWorkspace(moto.endpoint);
  writeMainKey(ws, user);
  writeAwstConfig(ws, CONFIG);
  const assume = (code) => ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', code]);
  const first = await countCalls(moto, () => assume('123456'));
  // Every session and role key expired, as after a night: the next run is cold again.
  writeFileSync(
    ws.credentialsFile,
    readFileSync(ws.credentialsFile, 'utf8').replace(
      /awst_expiration = .*/g,
      'awst_expiration = 2000-01-01T00:00:00.000Z',
    ),
  );
  const later = await countCalls(moto, () => assume('234567'));
  report('AWS calls: assume, first cold run, rotation on', first.length, goal('target 4', first.length <= 4));
  console.log(`  (${first.join(', ')})`);
  console.log(
    "  (a key awst has never seen: ListMFADevices names the user and the device, and the key's age needs",
  );
  console.log(
    "   ListAccessKeys, which the baseline allows only with MFA. moto runs with testkit's moto-as-aws,",
  );
  console.log(
    '   which answers ListMFADevices without a user name as AWS does; moto as installed costs 2 more)',
  );
  report('AWS calls: assume, later cold run, rotation on', later.length, goal('target 2', later.length <= 2));
  console.log(`  (${later.join(', ')})`);

  // With mfaSerial in config.toml (awst init asks for it), discovery is GetUser alone.
  const other = await createUserWithMfa(moto.endpoint, 'bench-rotation-serial');
  const ws2 = createWorkspace(moto.endpoint);
  writeMainKey(ws2, other);
  writeAwstConfig(ws2, `mfaSerial = "${other.mfaSerial}"\n${CONFIG}`);
  const firstWithSerial = await countCalls(moto, () =>
    ws2.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']),
  );
  report(
    'AWS calls: assume, first cold, rotation on, mfaSerial set',
    firstWithSerial.length,
    goal('target 4', firstWithSerial.length <= 4),
  );
  console.log(`  (${firstWithSerial.join(', ')})`);
}
