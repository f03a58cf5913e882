// Module hooks that append the URL of every module a process resolves to the file named by
// MODULE_LOG: what a CLI run loads, read by test/cli/startup.test.ts.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_LOG, `${result.url}\n`);
  return result;
}
