import { ENDPOINTS, type ResolvedEndpoints } from '../exchange/endpoints.js';

/** One stream URL template `verify` can try, with a name for the report. */
export interface RouteCandidate {
  readonly label: string;
  /** Contains `{listenKey}`. */
  readonly template: string;
}

const PLACEHOLDER = 'LISTENKEY';

/** Path and query of a template, with `{listenKey}` kept. */
function routeOf(template: string): string {
  const url = new URL(template.replaceAll('{listenKey}', PLACEHOLDER));
  return `${url.pathname}${url.search}`.replaceAll(PLACEHOLDER, '{listenKey}');
}

function originOf(template: string): string {
  return new URL(template.replaceAll('{listenKey}', PLACEHOLDER)).origin;
}

/**
 * The configured stream route first, then the other routes Binance material names for this market
 * and network. When --ws-url moved the stream to another host, the alternatives keep their routes
 * on that host, so a simulator or proxy can be checked the same way.
 */
export function routeCandidates(endpoints: ResolvedEndpoints): RouteCandidate[] {
  const set = ENDPOINTS[endpoints.market][endpoints.network];
  const alternatives = [...(set?.streamAlternatives ?? []), ...(set ? [`${set.wsBase}${set.streamRoute}`] : [])];
  const rebased = endpoints.overridden.ws ? alternatives.map((alt) => `${originOf(endpoints.streamTemplate)}${routeOf(alt)}`) : alternatives;
  const templates = [...new Set([endpoints.streamTemplate, ...rebased])];
  return templates.map((template, index) => ({ label: index === 0 ? 'configured route' : `alternative ${index}`, template }));
}
