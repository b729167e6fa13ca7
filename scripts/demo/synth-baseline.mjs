// Synthesizes the infra package's baseline stack into the folder given as argument (never the repository),
// with the emulator-specific settings (the defaults stay on): users without force_destroy (moto 5.2 lacks
// ListServiceSpecificCredentials, which the AWS provider calls to force-destroy a user), no CloudTrail trail
// (moto's StartLogging fails on the trail ARN the provider passes), no account-wide S3 Block Public Access
// (S3 Control's <account>. host prefix cannot reach a loopback emulator) and no IAM Access Analyzer (moto 5.2
// has no such service). The audit key, log group, CIS alarms and their topic stay on: moto applies them.
import { synth } from '../../packages/infra/dist/main.js';
import { withOverrides } from '../../packages/infra/dist/settings/overrides.js';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node synth-baseline.mjs <outdir>');
synth(
  withOverrides({
    forceDestroyUsers: false,
    organization: { enabled: false },
    auditTrail: { enabled: false },
    accountPublicAccessBlock: false,
    accessAnalyzer: false,
  }),
  outdir,
);
