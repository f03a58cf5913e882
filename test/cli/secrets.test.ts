import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

const API_KEY = 'SentinelApiKey7f3a9c1e5bSentinelApiKey7f3a9c1e5bSentinelApiKey7f';
const SECRET = 'SentinelSecret91c2d4e6f8SentinelSecret91c2d4e6f8SentinelSecret91';
const ACCOUNT_KEY = 'SentinelAccountKey4d2e8aSentinelAccountKey4d2e8aSentinelAccount';
const PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PEM_LINE = PEM.split('\n')[1] ?? '';

let dir: string;
let exchange: Server;
let restUrl: string;
/** What the exchange quotes back besides the key it was sent: the credentials the command under test holds. */
let quoted: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'binance-orders-secrets-'));
  await writeFile(join(dir, 'key.pem'), PEM);
  await writeFile(join(dir, 'accounts.json'), JSON.stringify({ accounts: [{ name: 'desk', apiKeyEnv: 'DESK_KEY', apiSecretEnv: 'DESK_SECRET' }] }));
  // A hostile exchange: every answer is an error that quotes the request's key and the credentials the CLI holds.
  exchange = createServer((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: -2015, msg: `Invalid API-key ${String(req.headers['x-mbx-apikey'])}; also ${quoted.join(' ')}` }));
  });
  await new Promise<void>((resolve) => exchange.listen(0, '127.0.0.1', resolve));
  restUrl = `http://127.0.0.1:${(exchange.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => exchange.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const env = (signing: Record<string, string>) =>
  cleanEnv({ BINANCE_API_KEY: API_KEY, ...signing, DESK_KEY: ACCOUNT_KEY, DESK_SECRET: SECRET, BINANCE_REST_URL: restUrl, BINANCE_WS_URL: restUrl.replace('http', 'ws'), HOME: dir });

// Every command that reads a key, on a path where the exchange refuses it: the refusal is printed,
// and nothing it quotes may show a credential. A command that signs reads the private key file; the
// others never read it, so it cannot be theirs to leak. verify words the refusal itself, quoting nothing.
// Each command's case with a secret runs the built CLI, so the bytes a real process writes are checked
// once per command; the other cases run main() in this process, which scrubs with the same ctx.secrets.
const COMMANDS: { args: string[]; signs: boolean; quotesTheExchange: boolean; spawned: boolean }[] = [
  { args: ['tail', '--json', '-v'], signs: true, quotesTheExchange: true, spawned: true },
  { args: ['tail', '--accounts', 'accounts.json', '--json', '-v'], signs: false, quotesTheExchange: true, spawned: true },
  { args: ['wait', '123', '-v'], signs: true, quotesTheExchange: true, spawned: true },
  { args: ['orders', '-v'], signs: true, quotesTheExchange: true, spawned: true },
  { args: ['verify', '--testnet', '-v'], signs: true, quotesTheExchange: false, spawned: true },
  { args: ['doctor', '--json', '--timeout', '2s', '--hold', '1s'], signs: false, quotesTheExchange: true, spawned: true },
  { args: ['listen-key', 'create', '-v'], signs: false, quotesTheExchange: true, spawned: true },
  { args: ['listen-key', 'keepalive', '-v'], signs: false, quotesTheExchange: true, spawned: false },
];

describe('no command prints a credential, even one the exchange quotes back', () => {
  it.each(COMMANDS)('$args with a secret (spawned: $spawned)', async ({ args, quotesTheExchange, spawned }) => {
    quoted = [SECRET];
    await expectNoCredential(args, { BINANCE_API_SECRET: SECRET }, quotesTheExchange, spawned ? runCli : runMain);
  });

  it.each(COMMANDS.filter((c) => c.signs))('$args with a private key file', async ({ args, quotesTheExchange }) => {
    quoted = [PEM_LINE, PEM];
    await expectNoCredential(args, { BINANCE_PRIVATE_KEY_FILE: 'key.pem' }, quotesTheExchange, runMain);
  });
});

async function expectNoCredential(args: string[], signing: Record<string, string>, quotesTheExchange: boolean, run: typeof runMain): Promise<void> {
  const { code, stdout, stderr } = await run(args, { env: env(signing), cwd: dir, timeoutMs: 20_000 });
  const out = stdout + stderr;
  expect(code).toBeGreaterThan(0);
  if (quotesTheExchange) expect(out).toMatch(/Invalid API-key Sent…/);
  for (const credential of [API_KEY, ACCOUNT_KEY, SECRET, PEM_LINE]) expect(out).not.toContain(credential);
}
