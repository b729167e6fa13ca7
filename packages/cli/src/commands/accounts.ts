import { type GlobalOptions, loadConfigWithWarnings } from './context.js';

export async function accountsCommand(options: { names?: boolean }, global: GlobalOptions) {
  const config = await loadConfigWithWarnings(global);
  if (options.names) {
    process.stdout.write(config.accounts.map((a) => `${a.name}\n`).join(''));
    return;
  }
  if (config.accounts.length === 0) {
    process.stderr.write(
      `No accounts in ${config.path}. Add them under [accounts], e.g. main-account = "123456789012".\n`,
    );
    return;
  }
  const width = Math.max(...config.accounts.map((a) => a.name.length));
  for (const account of config.accounts) {
    const region = account.region ?? config.defaultRegion;
    process.stdout.write(`${account.name.padEnd(width)}  ${account.id}  ${region}\n`);
  }
}
