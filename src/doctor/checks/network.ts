import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { request } from 'undici';
import type { Check, DoctorContext } from '../check.js';
import { hintFor } from '../../errors/hints.js';
import { targetsOf, type Target } from '../targets.js';

type Role = 'rest' | 'stream';

const title = (role: Role) => (role === 'rest' ? 'REST' : 'stream');

/** Resolves a socket once connected (or TLS-established), rejects on error or after the deadline. */
function opened<S extends Socket>(socket: S, event: 'connect' | 'secureConnect', ctx: DoctorContext): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no connection within ${ctx.timeoutMs}ms`), { code: 'ETIMEDOUT' }));
    }, ctx.timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

const label = (t: Target) => `${t.host}:${t.port}`;

/** getaddrinfo has no deadline of its own. */
function withDeadline<T>(work: Promise<T>, ctx: DoctorContext, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no ${what} within ${ctx.timeoutMs}ms`), { code: 'EAI_AGAIN' })), ctx.timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function dnsCheck(role: Role): Check {
  return {
    id: `${role}-dns`,
    title: `${title(role)} DNS`,
    async run(ctx) {
      const target = targetsOf(ctx.endpoints)[role];
      if (target.literal) return { outcome: 'skip', summary: `${target.host} is an address or loopback; nothing to resolve` };
      const addresses = await withDeadline(lookup(target.host, { all: true }), ctx, 'DNS answer');
      return { outcome: 'ok', summary: `${target.host} → ${addresses.map((a) => a.address).join(', ')}` };
    },
  };
}

function tcpCheck(role: Role): Check {
  return {
    id: `${role}-tcp`,
    title: `${title(role)} TCP`,
    async run(ctx) {
      const target = targetsOf(ctx.endpoints)[role];
      const socket = await opened(tcpConnect({ host: target.host, port: target.port }), 'connect', ctx);
      socket.destroy();
      return { outcome: 'ok', summary: `connected to ${label(target)}` };
    },
  };
}

function tlsCheck(role: Role): Check {
  return {
    id: `${role}-tls`,
    title: `${title(role)} TLS`,
    async run(ctx) {
      const target = targetsOf(ctx.endpoints)[role];
      if (!target.secure) return { outcome: 'skip', summary: `${label(target)} is plain (loopback only); no TLS to check` };
      const socket: TLSSocket = await opened(tlsConnect({ host: target.host, port: target.port, servername: target.host }), 'secureConnect', ctx);
      const summary = `${socket.getProtocol() ?? 'TLS'} with ${label(target)}, certificate valid`;
      socket.destroy();
      return { outcome: 'ok', summary };
    },
  };
}

/** Any HTTP answer from the REST host proves reachability; the status tells a firewall apart. */
const restHttpCheck: Check = {
  id: 'rest-http',
  title: 'REST HTTP',
  async run(ctx) {
    const url = `${ctx.endpoints.restBase}/`;
    const res = await request(url, { method: 'GET', headersTimeout: ctx.timeoutMs, bodyTimeout: ctx.timeoutMs, signal: ctx.signal });
    await res.body.dump();
    if (res.statusCode === 403 || res.statusCode === 451) {
      return { outcome: 'fail', summary: `${url} answered HTTP ${res.statusCode}`, hint: 'the exchange refuses this network (firewall or restricted region); try another network' };
    }
    if (res.statusCode >= 500) return { outcome: 'warn', summary: `${url} answered HTTP ${res.statusCode}`, hint: hintFor({ code: 'UND_ERR_SOCKET' }) };
    return { outcome: 'ok', summary: `${url} answers HTTP (${res.statusCode})` };
  },
};

/** DNS, TCP and TLS of the REST and stream hosts, then HTTP on the REST host. */
export const networkChecks: readonly Check[] = [dnsCheck('rest'), tcpCheck('rest'), tlsCheck('rest'), restHttpCheck, dnsCheck('stream'), tcpCheck('stream'), tlsCheck('stream')];
