/**
 * The emulator case: `AWST_INFRA_EMULATOR=1` (or `--emulator`) makes synth, plan, deploy and destroy leave out
 * exactly what moto 5.2 cannot apply, and say so on stderr. Never the default: on AWS everything stays on.
 * A new resource moto cannot take gets one entry in {@link EMULATOR_EXCEPTIONS}, behind a setting.
 */
import { type SettingsOverrides, withOverrides } from './overrides.js';
import type { Settings } from './types.js';

/** The environment variable that turns the emulator case on (`1` or `true`). */
export const EMULATOR_SWITCH = 'AWST_INFRA_EMULATOR';

export interface EmulatorException {
  /** What is left out, for the note on stderr. */
  what: string;
  /** Why moto cannot apply it (what one sees without the switch). */
  why: string;
  overrides: SettingsOverrides;
}

export const EMULATOR_EXCEPTIONS: readonly EmulatorException[] = [
  {
    what: 'the CloudTrail trail (auditTrail.enabled = false)',
    why: "moto's StartLogging fails on the trail ARN the provider passes, and Terraform waits for it forever",
    overrides: { auditTrail: { enabled: false } },
  },
  {
    what: 'the account-wide S3 Block Public Access (accountPublicAccessBlock = false)',
    why: 'S3 Control puts the account id in front of the host (123456789012.127.0.0.1), which a loopback emulator cannot answer',
    overrides: { accountPublicAccessBlock: false },
  },
  {
    what: 'force_destroy on users (forceDestroyUsers = false)',
    why: 'moto lacks ListServiceSpecificCredentials, which the provider calls to force-destroy a user; delete keys and MFA devices before destroy',
    overrides: { forceDestroyUsers: false },
  },
  {
    what: 'the IAM Access Analyzer (accessAnalyzer = false)',
    why: 'moto 5.2 has no Access Analyzer service',
    overrides: { accessAnalyzer: false },
  },
];

/** True when the environment asks for the emulator case. */
export function emulatorRequested(env: NodeJS.ProcessEnv): boolean {
  const value = env[EMULATOR_SWITCH]?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/** `base` with every emulator exception applied, and one line per exception for stderr. */
export function forEmulator(base: Settings): { settings: Settings; notes: string[] } {
  let settings = base;
  for (const exception of EMULATOR_EXCEPTIONS) settings = withOverrides(exception.overrides, settings);
  const notes = [
    `${EMULATOR_SWITCH}: synthesizing for an AWS emulator (moto), not for AWS. Left out:`,
    ...EMULATOR_EXCEPTIONS.map((e) => `  - ${e.what}: ${e.why}.`),
  ];
  return { settings, notes };
}
