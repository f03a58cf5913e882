import { isIP } from 'node:net';
import { isLoopback, type ResolvedEndpoints } from '../exchange/endpoints.js';

/** A host the program talks to, as the network checks need it. */
export interface Target {
  readonly role: 'REST' | 'stream';
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** An IP literal or a loopback name: nothing to resolve. */
  readonly literal: boolean;
}

/** The REST base as a URL. */
export const restUrlOf = (endpoints: ResolvedEndpoints): URL => new URL(endpoints.restBase);

/** The stream URL with a placeholder key, for looking at its host and route only. */
export const wsUrlOf = (endpoints: ResolvedEndpoints): URL => new URL(endpoints.streamTemplate.replaceAll('{listenKey}', 'LISTENKEY'));

function targetOf(role: Target['role'], url: URL): Target {
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { role, host, port: url.port === '' ? (secure ? 443 : 80) : Number(url.port), secure, literal: isIP(host) !== 0 || isLoopback(host) };
}

/** The REST and stream hosts of an endpoint set. */
export function targetsOf(endpoints: ResolvedEndpoints): { rest: Target; stream: Target } {
  return { rest: targetOf('REST', restUrlOf(endpoints)), stream: targetOf('stream', wsUrlOf(endpoints)) };
}
