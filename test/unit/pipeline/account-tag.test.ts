import { describe, expect, it } from 'vitest';
import { selectKinds } from '../../../src/events/filter.js';
import type { StreamEvent } from '../../../src/events/types.js';
import { loadChalk } from '../../../src/output/color.js';
import { createPrinter, type AccountTag, type OutputMode } from '../../../src/output/printer.js';
import { createPipeline } from '../../../src/pipeline/pipeline.js';
import { accountUpdate, orderTradeUpdate } from '../../../src/sim/index.js';

const NO_CONNECTION = { onKeyExpired: () => {}, onServerShutdown: () => {} };

async function pipelineFor(output: OutputMode, extra: { account?: AccountTag; tagMarket?: boolean } = {}) {
  const lines: string[] = [];
  const printed: StreamEvent[] = [];
  const print = createPrinter({ output, market: 'usdm', chalk: output === 'pretty' ? await loadChalk(0) : undefined, ...extra });
  const pipeline = createPipeline({
    market: 'usdm',
    filter: { events: selectKinds(['all']) },
    account: extra.account?.name,
    deliver: (e, text) => {
      lines.push(print(e, text));
      printed.push(e);
    },
    onBadFrame: (message) => {
      throw new Error(message);
    },
  });
  return { pipeline, lines, printed };
}

describe('the account tag', () => {
  it('puts "account" right after "event" in JSON lines, for stream and rebuilt events alike, and on the event object', async () => {
    const { pipeline, lines, printed } = await pipelineFor('json', { account: { name: 'alpha', width: 5 } });
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1 })), NO_CONNECTION);
    pipeline.handleFrame(JSON.stringify(accountUpdate()), NO_CONNECTION);
    pipeline.handleEvent({ ...(printed[0] as Extract<StreamEvent, { event: 'order' }>), account: undefined, orderId: 2, source: 'reconcile' });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Object.keys(JSON.parse(line) as object).slice(0, 3)).toEqual(['event', 'account', 'market']);
    for (const line of lines) expect(line).toMatch(/"source":"(ws|reconcile)"\}$/);
    expect(printed.map((e) => e.account)).toEqual(['alpha', 'alpha', 'alpha']);
  });

  it('leaves JSON lines without an account exactly as before', async () => {
    const { pipeline, lines } = await pipelineFor('json');
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1 })), NO_CONNECTION);
    expect(lines[0]).not.toContain('"account"');
  });

  it('starts pretty lines with the account padded to the longest name, then the market', async () => {
    const { pipeline, lines } = await pipelineFor('pretty', { account: { name: 'beta', width: 8 }, tagMarket: true });
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1, symbol: 'BTCUSDT' })), NO_CONNECTION);
    const [date, line] = (lines[0] ?? '').split('\n');
    expect(date).toMatch(/^beta {5}usdm {2}--- \d{4}-\d\d-\d\d /); // the first event's date line, tagged too
    expect(line).toMatch(/^beta {5}usdm {2}\S.*BTCUSDT/);
  });
});
