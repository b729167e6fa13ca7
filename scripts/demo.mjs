// `pnpm demo` (after `pnpm build`): runs the journey of README.md against moto_server. See demo/main.mjs.
import { main } from './demo/main.mjs';

// exit at once: nothing may keep the process alive after the cleanup (stdout to a pipe or file is synchronous).
process.exit(await main());
