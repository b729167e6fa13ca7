// `pnpm demo`: the journey of the README against moto_server, in a throwaway HOME, step by step.
// Exit code 0 when every step passed, 1 when one failed (its error output is shown), 130 on Ctrl-C
// (143 on SIGTERM). In every case the emulator is stopped and the temp HOME removed.
import { rmSync } from 'node:fs';
import { adminSetup } from './admin.mjs';
import { bootstrap } from './bootstrap.mjs';
import { createContext, redactor } from './context.mjs';
import { missingTool, startEmulator } from './emulator.mjs';
import { rotateAndStatus } from './keys.mjs';
import { stopAll } from './processes.mjs';
import { assumeRole, terraformAndCli } from './roles.mjs';
import { teardown } from './teardown.mjs';
import { createReporter } from './ui.mjs';

export const STEPS = [
  ['start the emulator', startEmulator],
  ['bootstrap: deploy the baseline as the root account', bootstrap],
  ['admin: MFA device, access key, config.toml', adminSetup],
  ['awst assume main-account DeveloperAccess', assumeRole],
  ['awst run: Terraform as AdminAccess; AWS CLI via credential_process', terraformAndCli],
  ['awst rotate-keys and awst status', rotateAndStatus],
  ['teardown: destroy the example project and the baseline', teardown],
];

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };

export async function main() {
  const started = Date.now();
  const missing = missingTool(process.env);
  if (missing) {
    console.error(missing);
    return 1;
  }

  const ctx = createContext();
  const ui = createReporter({ total: STEPS.length, redact: redactor(ctx) });
  let interrupted;
  let cleaning;
  const cleanup = async () => {
    cleaning ??= (async () => {
      await stopAll(ctx.moto);
      rmSync(ctx.home, { recursive: true, force: true });
    })();
    return cleaning;
  };
  const onSignal = (signal) => {
    if (interrupted) return; // already stopping
    interrupted = signal;
    ui.print(`\n${signal}: stopping the running command and the emulator, removing ${ctx.home}`, {
      raw: true,
    });
    void stopAll(ctx.moto); // makes the running step fail at once; main then cleans up
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  ui.print(`awst demo: the journey of README.md against moto_server, in a throwaway HOME`);
  ui.print(`temp HOME ${ctx.home} (removed at the end)\n`, { raw: true });
  let failure;
  try {
    for (const [index, [title, action]] of STEPS.entries()) {
      if (interrupted) break;
      const step = ui.start(index + 1, title);
      try {
        await action(ctx, step);
        if (interrupted) throw new Error('interrupted');
        ui.end('ok');
      } catch (error) {
        if (interrupted) {
          ui.end('interrupted');
        } else {
          ui.end('FAILED');
          failure = error;
        }
        break;
      }
    }
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  ui.summary(
    STEPS.map(([title]) => title),
    Date.now() - started,
  );
  if (interrupted) {
    ui.print(`Interrupted by ${interrupted}; the emulator is stopped and ${ctx.home} removed.`, {
      raw: true,
    });
    return SIGNAL_EXIT[interrupted] ?? 130;
  }
  if (failure) {
    ui.print(`\nThe step failed: ${failure.message}`);
    const output = [failure.stderr, failure.stdout].filter((text) => text?.trim()).join('\n');
    if (output) ui.print(output.trimEnd());
    ui.print(`The emulator is stopped and ${ctx.home} removed.`, { raw: true });
    return 1;
  }
  ui.print(`\nAll steps passed. The emulator is stopped and ${ctx.home} removed.`, { raw: true });
  return 0;
}
