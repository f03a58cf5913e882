import { BINANCE_KEY_SHAPE } from '../../config/key-shape.js';
import type { Check, CheckResult } from '../check.js';

/** What is wrong with the look of a credential, never showing any of it. */
function shapeProblem(name: string, value: string): CheckResult | undefined {
  if (value.trim() !== value) return { outcome: 'fail', summary: `${name} starts or ends with spaces`, hint: `copy ${name} again without spaces or line breaks; the exchange would answer -2014 or -1022` };
  if (/["'`]/.test(value)) return { outcome: 'fail', summary: `${name} contains quotes`, hint: `remove the quotes around ${name} in the environment or .env file` };
  if (/\s/.test(value)) return { outcome: 'fail', summary: `${name} contains spaces`, hint: `copy ${name} again in one piece` };
  if (!BINANCE_KEY_SHAPE.test(value)) {
    return { outcome: 'warn', summary: `${name} is ${value.length} characters, not 64 letters and digits like a Binance key`, hint: `check that ${name} was copied whole (RSA keys are not supported)` };
  }
  return undefined;
}

/** BINANCE_API_KEY present and well formed; BINANCE_API_SECRET optional and well formed. Neither is printed. */
export const credentialsCheck: Check = {
  id: 'credentials',
  title: 'credentials',
  async run({ apiKey, apiSecret }) {
    if (apiKey === undefined || apiKey === '') {
      return {
        outcome: 'fail',
        summary: 'BINANCE_API_KEY is not set',
        hint: 'export BINANCE_API_KEY or put it in ./.env (or the file named by --env-file); create keys under API Management (futures testnet keys at testnet.binancefuture.com)',
      };
    }
    const keyProblem = shapeProblem('BINANCE_API_KEY', apiKey);
    if (keyProblem?.outcome === 'fail') return keyProblem;
    const secretProblem = apiSecret === undefined || apiSecret === '' ? undefined : shapeProblem('BINANCE_API_SECRET', apiSecret);
    if (secretProblem?.outcome === 'fail') return secretProblem;
    const problem = keyProblem ?? secretProblem;
    if (problem) return problem;
    if (apiSecret === undefined || apiSecret === '') {
      return { outcome: 'info', summary: 'API key present and well formed; no BINANCE_API_SECRET, so the signed account check is skipped (tail needs no secret)' };
    }
    return { outcome: 'ok', summary: 'API key and secret present and well formed' };
  },
};
