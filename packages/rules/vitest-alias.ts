// Tests run the CLI and infra from their sources; this makes @awst/rules come from its sources too, so a
// change to a rule is tested without `pnpm build` (the package's own exports point at its dist/).
import { fileURLToPath } from 'node:url';

export const rulesFromSource = {
  '@awst/rules': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
};
