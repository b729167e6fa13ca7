// Synthesizes the infra package's baseline stack into the folder given as argument (never the repository),
// with the one emulator-specific setting: users without force_destroy, since moto 5.2 lacks
// ListServiceSpecificCredentials, which the AWS provider calls to force-destroy a user.
import { synth } from '../../packages/infra/dist/main.js';
import { withOverrides } from '../../packages/infra/dist/settings.js';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node synth-baseline.mjs <outdir>');
synth(withOverrides({ forceDestroyUsers: false, organization: { enabled: false } }), outdir);
