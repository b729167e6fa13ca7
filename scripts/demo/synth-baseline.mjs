// Synthesizes the infra package's baseline stack into the folder given as argument (never the repository),
// in the infra package's emulator case (AWST_INFRA_EMULATOR=1, packages/infra/src/settings/emulator.ts):
// what moto 5.2 cannot apply is left out, and the notes saying so go to stderr. The defaults stay on.
import { settingsFor } from '../../packages/infra/dist/cli.js';
import { synth } from '../../packages/infra/dist/main.js';
import { withOverrides } from '../../packages/infra/dist/settings/overrides.js';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node synth-baseline.mjs <outdir>');
synth(withOverrides({ organization: { enabled: false } }, settingsFor({ AWST_INFRA_EMULATOR: '1' })), outdir);
