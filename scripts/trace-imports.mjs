// Preload with `node --import ./scripts/trace-imports.mjs`: appends every module URL the process resolves
// to the file named by AWST_TRACE_IMPORTS_FILE. Used to prove the cached path loads no AWS SDK.
import { register } from 'node:module';

if (process.env.AWST_TRACE_IMPORTS_FILE) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        appendFileSync(${JSON.stringify(process.env.AWST_TRACE_IMPORTS_FILE)}, result.url + '\\n');
        return result;
      }`)}`,
  );
}
