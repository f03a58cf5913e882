import { describe, expect, it } from 'vitest';
import { answerLiveRequest } from '../../../src/sim/live-methods.js';
import { connect, createKey, startSim } from './support.js';

const ORDER = { e: 'ORDER_TRADE_UPDATE', T: 1, E: 2, o: { s: 'BTCUSDT' } };

describe('answerLiveRequest', () => {
  const fresh = () => ({ subscriptions: new Map(), properties: new Map() });

  it('subscribes, lists and unsubscribes, replying {"result":…,"id":…} with the id as sent', () => {
    const state = fresh();
    expect(answerLiveRequest('{"method":"SUBSCRIBE","params":["K1","K2"],"id":1}', state)).toEqual({ result: null, id: 1 });
    expect(answerLiveRequest('{"method":"LIST_SUBSCRIPTIONS","id":"a1b2"}', state)).toEqual({ result: ['K1', 'K2'], id: 'a1b2' });
    expect(answerLiveRequest('{"method":"UNSUBSCRIBE","params":["K1"],"id":3}', state)).toEqual({ result: null, id: 3 });
    expect([...state.subscriptions.keys()]).toEqual(['K2']);
    expect(answerLiveRequest('{"method":"SET_PROPERTY","params":["combined",true],"id":4}', state)).toEqual({ result: null, id: 4 });
    expect(answerLiveRequest('{"method":"GET_PROPERTY","params":["combined"],"id":5}', state)).toEqual({ result: true, id: 5 });
  });

  it.each([
    ['not JSON', '{"method":', 3],
    ['an unknown method', '{"method":"SUBSCRIB","params":[],"id":1}', 2],
    ['a missing method', '{"params":[],"id":1}', 2],
    ['a negative id', '{"method":"SUBSCRIBE","params":["K"],"id":-1}', 2],
    ['params that are not stream names', '{"method":"SUBSCRIBE","params":[1],"id":1}', 2],
    ['an unknown property', '{"method":"SET_PROPERTY","params":["fast",true],"id":1}', 0],
    ['a property value that is not boolean', '{"method":"SET_PROPERTY","params":["combined","yes"],"id":1}', 1],
  ])('answers %s with Binance\'s error shape', (_what, text, code) => {
    const answer = answerLiveRequest(text, fresh());
    expect(answer).toEqual({ error: { code, msg: expect.any(String) }, id: (answer as { id: unknown }).id });
    expect(answer).not.toHaveProperty('result');
  });
});

describe('/private/stream', () => {
  it('delivers events in the {"stream":<listenKey>,"data":<event>} envelope on ?listenKey=', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, `/private/stream?listenKey=${key}`);
    expect(sim.push('usdm', ORDER)).toBe(1);
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toEqual({ stream: key, data: ORDER });
  });

  it('honours the events allow-list that follows each listenKey', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, `/private/stream?listenKey=${key}&events=ACCOUNT_UPDATE`);
    expect(sim.push('usdm', ORDER)).toBe(0);
    expect(sim.push('usdm', { e: 'ACCOUNT_UPDATE', T: 1, E: 2, a: {} })).toBe(1);
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toMatchObject({ stream: key, data: { e: 'ACCOUNT_UPDATE' } });
  });

  it('SUBSCRIBE on a bare /private/stream replies, then delivers the key\'s events; UNSUBSCRIBE stops them', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, '/private/stream?streams=');
    expect(sim.push('usdm', ORDER)).toBe(0);
    client.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: [key], id: 7 }));
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toEqual({ result: null, id: 7 });
    expect(sim.push('usdm', ORDER)).toBe(1);
    expect(JSON.parse((await client.messagesAtLeast(2))[1] ?? '')).toEqual({ stream: key, data: ORDER });
    client.socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 8 }));
    expect(JSON.parse((await client.messagesAtLeast(3))[2] ?? '')).toEqual({ result: [key], id: 8 });
    client.socket.send(JSON.stringify({ method: 'UNSUBSCRIBE', params: [key], id: 9 }));
    await client.messagesAtLeast(4);
    expect(sim.push('usdm', ORDER)).toBe(0);
  });

  it('answers a bad method with an error reply instead of silence', async () => {
    const sim = await startSim();
    const client = await connect(sim, '/private/stream');
    client.socket.send('{"method":"SUBSCRIBE_ALL","params":[],"id":1}');
    expect(JSON.parse((await client.messagesAtLeast(1))[0] ?? '')).toEqual({ error: { code: 2, msg: expect.stringContaining('unknown variant') }, id: 1 });
  });

  it('acknowledges SUBSCRIBE on the path form /private/ws/<key> but, like Binance\'s mainnet, delivers nothing there', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const client = await connect(sim, `/private/ws/${key}`);
    client.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: [key], id: 1 }));
    await client.messagesAtLeast(1);
    expect(sim.push('usdm', ORDER)).toBe(0);
    await client.roundTrip();
    expect(client.messages).toEqual(['{"result":null,"id":1}']);
  });
});
