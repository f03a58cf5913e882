import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/**
 * The nats-server binary (Debian package nats-server). Throws when it is missing, so the tests that
 * need it fail and say why instead of passing without having run.
 */
export function natsServerBinary(): string {
  for (const candidate of ['nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server']) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('nats-server is not installed, so the NATS sink cannot be tested: apt-get install -y nats-server (.ci/run does this)');
}

/** One message of a stream, as a subscriber would read it. */
export interface StoredMessage {
  seq: number;
  subject: string;
  msgId: string | undefined;
  json: Record<string, unknown>;
}

export interface NatsServer {
  /** nats://127.0.0.1:<port>; the same across restarts. */
  readonly url: string;
  /** Stops the server, keeping its JetStream store. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same store. */
  start(): Promise<void>;
  /** Every message of the stream, in stream order. */
  messages(stream: string): Promise<StoredMessage[]>;
  /** Deletes a stream, as an operator might. */
  deleteStream(stream: string): Promise<void>;
  /** The stream's configuration. */
  streamConfig(stream: string): Promise<{ subjects: string[]; duplicate_window: number }>;
  /** Stops the server and removes its store. */
  dispose(): Promise<void>;
}

export interface NatsServerOptions {
  /** Require this user and password. */
  auth?: { user: string; pass: string };
  /** Require TLS with this certificate and key (PEM files); clients trust `certFile`. */
  tls?: { certFile: string; keyFile: string };
}

/** Starts a real `nats-server -js` on 127.0.0.1 with a fresh store in a temp folder. */
export async function startNatsServer({ auth, tls }: NatsServerOptions = {}): Promise<NatsServer> {
  const binary = natsServerBinary();
  const storeDir = await mkdtemp(join(tmpdir(), 'binance-orders-nats-'));
  let child: ChildProcess | undefined;
  let port = -1;

  async function start() {
    const authArgs = auth ? ['--user', auth.user, '--pass', auth.pass] : [];
    const tlsArgs = tls ? ['--tls', '--tlscert', tls.certFile, '--tlskey', tls.keyFile] : [];
    const proc = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, ...authArgs, ...tlsArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nats-server did not start within 10s:\n${log}`)), 10_000);
      proc.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const ready = /Listening for client connections on [\d.]+:(\d+)[\s\S]*Server is ready/.exec(log);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
        }
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited with ${code}:\n${log}`));
      });
    });
  }

  async function stop() {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  async function withManager<T>(use: (jsm: Awaited<ReturnType<typeof jetstreamManager>>) => Promise<T>): Promise<T> {
    const nc = await connect({ servers: `nats://127.0.0.1:${port}`, ...auth, ...(tls ? { tls: { caFile: tls.certFile } } : {}) });
    try {
      return await use(await jetstreamManager(nc));
    } finally {
      await nc.close();
    }
  }

  await start();
  return {
    get url() {
      return `nats://127.0.0.1:${port}`;
    },
    stop,
    start,
    messages: (stream) =>
      withManager(async (jsm) => {
        const info = await jsm.streams.info(stream);
        const out: StoredMessage[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const m = await jsm.streams.getMessage(stream, { seq });
          if (m === null) continue;
          out.push({ seq, subject: m.subject, msgId: m.header.get('Nats-Msg-Id') || undefined, json: m.json<Record<string, unknown>>() });
        }
        return out;
      }),
    deleteStream: (stream) => withManager(async (jsm) => void (await jsm.streams.delete(stream))),
    streamConfig: (stream) => withManager(async (jsm) => (await jsm.streams.info(stream)).config),
    async dispose() {
      await stop();
      if (existsSync(storeDir)) await rm(storeDir, { recursive: true, force: true });
    },
  };
}
