import { SPOT_HOSTS } from '../../exchange/endpoints.js';
import type { Check } from '../check.js';
import { restUrlOf, wsUrlOf } from '../targets.js';

/** The endpoint set in use; overrides are information unless they point at Spot or a retired route. */
export const endpointsCheck: Check = {
  id: 'endpoints',
  title: 'endpoints',
  async run({ endpoints, overrideSources }) {
    const rest = restUrlOf(endpoints);
    const ws = wsUrlOf(endpoints);
    const where = `${endpoints.market} ${endpoints.network}: REST ${endpoints.restBase}, stream ${endpoints.streamTemplate}`;
    for (const url of [rest, ws]) {
      if (SPOT_HOSTS.has(url.hostname)) {
        return {
          outcome: 'fail',
          summary: `${where}: ${url.hostname} is a Spot host`,
          hint: `Spot hosts never carry futures order updates; remove ${overrideSources.rest ?? overrideSources.ws ?? 'the override'} to use the ${endpoints.market} hosts`,
        };
      }
    }
    if (endpoints.market === 'usdm' && /^fstream\./.test(ws.hostname) && /^\/ws\//.test(ws.pathname)) {
      return {
        outcome: 'fail',
        summary: `${where}: the retired USDⓈ-M /ws/<listenKey> route`,
        hint: `since 2026-04-23 USDⓈ-M user data flows only on /private/ws?listenKey=…; /ws/<key> connects and then stays silent. Remove ${overrideSources.ws ?? 'the --ws-url override'}`,
      };
    }
    const overrides = [overrideSources.rest && `REST from ${overrideSources.rest}`, overrideSources.ws && `stream from ${overrideSources.ws}`].filter(Boolean);
    if (overrides.length > 0) return { outcome: 'info', summary: `${where} (${overrides.join(', ')})` };
    if (endpoints.status === 'unverified') {
      return { outcome: 'info', summary: `${where}`, hint: 'these hosts are unverified (see the README endpoint table); if no events arrive, try the alternatives listed there' };
    }
    return { outcome: 'ok', summary: where };
  },
};
