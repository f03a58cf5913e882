import { describe, expect, it } from 'vitest';
import { selectKinds } from '../../../src/events/filter.js';
import type { StreamEvent } from '../../../src/events/types.js';
import { loadChalk } from '../../../src/output/color.js';
import { createPipeline, type OutputMode, type PipelineOptions } from '../../../src/pipeline/pipeline.js';
import { accountUpdate, orderTradeUpdate } from '../../../src/sim/index.js';

async function pipelineFor(output: OutputMode, extra: Partial<PipelineOptions> = {}) {
  const lines: string[] = [];
  const printed: StreamEvent[] = [];
  const pipeline = createPipeline({
    market: 'usdm',
    filter: { events: selectKinds(['all']) },
    output,
    chalk: output === 'pretty' ? await loadChalk(0) : undefined,
    write: (line) => lines.push(line),
    onBadFrame: (message) => {
      throw new Error(message);
    },
    onPrinted: (e) => printed.push(e),
    ...extra,
  });
  return { pipeline, lines, printed };
}

describe('the account tag', () => {
  it('puts "account" right after "event" in JSON lines, for stream and rebuilt events alike, and on the event object', async () => {
    const { pipeline, lines, printed } = await pipelineFor('json', { account: { name: 'alpha', width: 5 } });
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1 })), () => {});
    pipeline.handleFrame(JSON.stringify(accountUpdate()), () => {});
    pipeline.handleEvent({ ...(printed[0] as Extract<StreamEvent, { event: 'order' }>), account: undefined, orderId: 2, source: 'reconcile' });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Object.keys(JSON.parse(line) as object).slice(0, 3)).toEqual(['event', 'account', 'market']);
    for (const line of lines) expect(line).toMatch(/"source":"(ws|reconcile)"\}$/);
    expect(printed.map((e) => e.account)).toEqual(['alpha', 'alpha', 'alpha']);
  });

  it('leaves JSON lines without an account exactly as before', async () => {
    const { pipeline, lines } = await pipelineFor('json');
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1 })), () => {});
    expect(lines[0]).not.toContain('"account"');
  });

  it('starts pretty lines with the account padded to the longest name, then the market', async () => {
    const { pipeline, lines } = await pipelineFor('pretty', { account: { name: 'beta', width: 8 }, tagMarket: true });
    pipeline.handleFrame(JSON.stringify(orderTradeUpdate({ orderId: 1, symbol: 'BTCUSDT' })), () => {});
    expect(lines[0]).toMatch(/^beta {5}usdm {2}\S.*BTCUSDT/);
  });
});
