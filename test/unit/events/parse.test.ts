import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/output/json.js';
import { parseFrame } from '../../../src/events/parse.js';
import type { Market } from '../../../src/exchange/endpoints.js';
import type { StreamEvent } from '../../../src/events/types.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function parseOk(text: string, market: Market = 'usdm'): StreamEvent {
  const result = parseFrame(text, market);
  if (!result.ok) throw new Error(`expected an event, got ${result.reason}: ${result.detail}`);
  return result.event;
}

describe('parseFrame: fixtures', () => {
  it('reads the usdm trailing-stop ORDER_TRADE_UPDATE with every named field', () => {
    expect(parseOk(fixture('usdm-order-trade-update-trailing-new.json'))).toEqual({
      event: 'order',
      market: 'usdm',
      eventTime: 1568879465651,
      transactionTime: 1568879465650,
      symbol: 'BTCUSDT',
      orderId: 8886774,
      clientOrderId: 'TEST',
      side: 'SELL',
      orderType: 'TRAILING_STOP_MARKET',
      timeInForce: 'GTC',
      execType: 'NEW',
      status: 'NEW',
      price: '0',
      avgPrice: '0',
      stopPrice: '7103.04',
      origQty: '0.001',
      filledQty: '0',
      lastFilledQty: '0',
      lastFilledPrice: '0',
      commission: '0',
      commissionAsset: 'USDT',
      realizedProfit: '0',
      tradeId: 0,
      tradeTime: 1568879465650,
      positionSide: 'LONG',
      reduceOnly: false,
      isMaker: false,
      expiryReason: '0',
      originalOrderType: 'TRAILING_STOP_MARKET',
      workingType: 'CONTRACT_PRICE',
      closePosition: false,
      activationPrice: '7476.89',
      callbackRate: '5.0',
      priceProtect: false,
      bidNotional: '0',
      askNotional: '9.91',
      selfTradePrevention: 'EXPIRE_TAKER',
      priceMatch: 'OPPONENT',
      goodTillDate: 0,
      strategyId: 0,
      strategyType: 0,
      source: 'ws',
    });
  });

  it('reads the 2026 wire ORDER_TRADE_UPDATE (T before E, n before N, no AP/cr)', () => {
    const e = parseOk(fixture('usdm-order-trade-update-wire-2026.json'));
    expect(e).toMatchObject({
      event: 'order',
      eventTime: 1779367929402,
      transactionTime: 1779367929401,
      symbol: 'SOLUSDT',
      orderId: 215456450616,
      clientOrderId: 'bot-e0536484551311f1b0c42676a180379c',
      side: 'BUY',
      orderType: 'LIMIT',
      price: '85.67',
      origQty: '21.26',
      bidNotional: '2520.672',
      reduceOnly: true,
      positionSide: 'SHORT',
      commission: '0',
      commissionAsset: 'USDT',
    });
    expect(e).toHaveProperty('activationPrice', undefined);
    expect(e).toHaveProperty('callbackRate', undefined);
  });

  it('reads the coinm ORDER_TRADE_UPDATE: top-level i is the account alias, o.ma the margin asset', () => {
    const e = parseOk(fixture('coinm-order-trade-update.json'), 'coinm');
    expect(e).toMatchObject({
      event: 'order',
      market: 'coinm',
      orderId: 8888888,
      accountAlias: 'SfsR',
      marginAsset: 'BTC',
      symbol: 'BTCUSD_200925',
      stopPrice: '9103.1',
      activationPrice: '9476.8',
      origQty: '2',
      commissionAsset: 'BTC',
    });
    expect(e).toHaveProperty('expiryReason', undefined);
  });

  it('reads TRADE_LITE', () => {
    expect(parseOk(fixture('usdm-trade-lite.json'))).toEqual({
      event: 'trade-lite',
      market: 'usdm',
      eventTime: 1721895408092,
      transactionTime: 1721895408214,
      symbol: 'BTCUSDT',
      orderId: 8886774,
      clientOrderId: 'z8hcUoOsqEdKMeKPSABslD',
      side: 'BUY',
      origQty: '0.001',
      price: '0',
      lastFilledQty: '0.040',
      lastFilledPrice: '64089.20',
      tradeId: 109100866,
      isMaker: false,
      source: 'ws',
    });
  });

  it('reads ACCOUNT_UPDATE balances and positions with decimals untouched', () => {
    const e = parseOk(fixture('usdm-account-update.json'));
    if (e.event !== 'account') throw new Error(e.event);
    expect(e.reason).toBe('ORDER');
    expect(e.transactionTime).toBe(1564745798938);
    expect(e.balances[0]).toEqual({
      asset: 'USDT',
      walletBalance: '122624.12345678',
      crossWalletBalance: '100.12345678',
      balanceChange: '50.12345678',
    });
    expect(e.positions).toHaveLength(3);
    expect(e.positions[2]).toEqual({
      symbol: 'BTCUSDT',
      positionAmount: '-10',
      entryPrice: '6563.86000',
      breakevenPrice: '6563.6',
      accumulatedRealized: '-45.04000000',
      unrealizedProfit: '-1423.15600',
      marginType: 'isolated',
      isolatedWallet: '6570.42511771',
      positionSide: 'SHORT',
    });
  });

  it('reads the 2021 wire ACCOUNT_UPDATE with an empty P and m after P', () => {
    const e = parseOk(fixture('usdm-account-update-wire-2021.json'));
    expect(e).toMatchObject({ event: 'account', reason: 'DEPOSIT', positions: [], eventTime: 1620564298808 });
  });

  it('reads the coinm ACCOUNT_UPDATE with its account alias', () => {
    const e = parseOk(fixture('coinm-account-update.json'), 'coinm');
    expect(e).toMatchObject({ event: 'account', market: 'coinm', accountAlias: 'SfsR' });
    if (e.event !== 'account') throw new Error(e.event);
    expect(e.positions[0]?.entryPrice).toBe('0.0');
  });

  it('reads MARGIN_CALL (no T) on both markets', () => {
    expect(parseOk(fixture('usdm-margin-call.json'))).toEqual({
      event: 'margin-call',
      market: 'usdm',
      eventTime: 1587727187525,
      crossWalletBalance: '3.16812045',
      positions: [
        {
          symbol: 'ETHUSDT',
          positionSide: 'LONG',
          positionAmount: '1.327',
          marginType: 'CROSSED',
          isolatedWallet: '0',
          markPrice: '187.17127',
          unrealizedProfit: '-1.166074',
          maintenanceMargin: '1.614445',
        },
      ],
      source: 'ws',
    });
    expect(parseOk(fixture('coinm-margin-call.json'), 'coinm')).toMatchObject({
      accountAlias: 'SfsR',
      positions: [{ markPrice: '9187.17127000' }],
    });
  });

  it('reads ACCOUNT_CONFIG_UPDATE as a leverage change or a Multi-Assets change', () => {
    expect(parseOk(fixture('usdm-account-config-update-leverage.json'))).toMatchObject({
      event: 'account-config',
      symbol: 'BTCUSDT',
      leverage: 25,
      multiAssetsMode: undefined,
    });
    expect(parseOk(fixture('usdm-account-config-update-multi-assets.json'))).toMatchObject({
      event: 'account-config',
      symbol: undefined,
      multiAssetsMode: true,
    });
    expect(parseOk(fixture('coinm-account-config-update-leverage.json'), 'coinm')).toMatchObject({
      symbol: 'BTCUSD_PERP',
      leverage: 25,
    });
  });

  it('reads STRATEGY_UPDATE and GRID_UPDATE', () => {
    expect(parseOk(fixture('usdm-strategy-update.json'))).toEqual({
      event: 'strategy',
      market: 'usdm',
      eventTime: 1669261797628,
      transactionTime: 1669261797627,
      symbol: 'BTCUSDT',
      strategyId: 176054594,
      strategyType: 'GRID',
      status: 'NEW',
      updateTime: 1669261797627,
      opCode: 8007,
      source: 'ws',
    });
    expect(parseOk(fixture('usdm-grid-update.json'))).toMatchObject({
      event: 'grid',
      strategyId: 176057039,
      status: 'WORKING',
      realizedProfit: '-0.00300716',
      unmatchedAvgPrice: '16720',
      unmatchedQty: '-0.001',
      matchedProfit: '0.0',
      updateTime: 1669262908197,
    });
  });

  it('reads ALGO_UPDATE with E as event time and the engine order id as a string', () => {
    expect(parseOk(fixture('usdm-algo-update.json'))).toMatchObject({
      event: 'algo',
      eventTime: 1750515742303,
      transactionTime: 1750515742297,
      symbol: 'BNBUSDT',
      algoId: 2148719,
      clientAlgoId: 'Q5xaq5EGKgXXa0fD7fs0Ip',
      side: 'SELL',
      orderType: 'TAKE_PROFIT',
      status: 'CANCELED',
      engineOrderId: '',
      avgPrice: '0.00000',
      triggerPrice: '750',
      failureReason: 'Reduce Only reject',
    });
  });

  it('reads CONDITIONAL_ORDER_TRIGGER_REJECT', () => {
    expect(parseOk(fixture('usdm-conditional-order-trigger-reject.json'))).toMatchObject({
      event: 'conditional-reject',
      symbol: 'ETHUSDT',
      orderId: 155618472834,
      reason: expect.stringContaining('FOK order has been rejected'),
    });
  });

  it.each([
    ['listen-key-expired-string-E.json', 1736996475556, 'WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv'],
    ['listen-key-expired-number-E.json', 1576653824250, 'WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv'],
    ['listen-key-expired-no-key.json', 1658247671735, undefined],
  ])('reads listenKeyExpired from %s', (name, eventTime, listenKey) => {
    expect(parseOk(fixture(name))).toEqual({ event: 'key-expired', market: 'usdm', eventTime, listenKey, source: 'ws' });
  });
});

describe('parseFrame: Portfolio Margin', () => {
  it('reads an ORDER_TRADE_UPDATE with its business unit', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as Record<string, unknown>;
    expect(parseOk(JSON.stringify({ ...frame, fs: 'UM' }), 'pm')).toMatchObject({
      event: 'order',
      market: 'pm',
      businessUnit: 'UM',
    });
  });

  it('reads an ALGO_UPDATE with its payload under ao and the business unit fs', () => {
    expect(parseOk(fixture('pm-algo-update-ao.json'), 'pm')).toMatchObject({
      event: 'algo',
      market: 'pm',
      symbol: 'BTCUSDT',
      algoId: 2148719,
      clientAlgoId: 'Q5xaq5EGKgXXa0fD7fs0Ip',
      orderType: 'TAKE_PROFIT',
      status: 'NEW',
      triggerPrice: '98000.00',
      businessUnit: 'UM',
    });
  });

  it('reads the ao shape on any market, and the o shape on pm', () => {
    expect(parseOk(fixture('pm-algo-update-ao.json'), 'usdm')).toMatchObject({ event: 'algo', algoId: 2148719 });
    expect(parseOk(fixture('usdm-algo-update.json'), 'pm')).toMatchObject({ event: 'algo' });
  });

  it('reads CONDITIONAL_ORDER_TRADE_UPDATE', () => {
    const text = JSON.stringify({
      e: 'CONDITIONAL_ORDER_TRADE_UPDATE',
      T: 1669262908216,
      E: 1669262908218,
      fs: 'UM',
      so: {
        s: 'BTCUSDT', c: 'TEST', si: 176057039, S: 'SELL', st: 'TRAILING_STOP_MARKET', f: 'GTC', q: '0.001',
        p: '0', sp: '7103.04', os: 'NEW', T: 1568879465650, ut: 1669262908216, R: false, wt: 'MARK_PRICE',
        ps: 'LONG', cp: false, AP: '7476.89', cr: '5.0', i: 8886774, V: 'EXPIRE_TAKER', gtd: 0,
      },
    });
    expect(parseOk(text, 'pm')).toMatchObject({
      event: 'conditional-order',
      businessUnit: 'UM',
      symbol: 'BTCUSDT',
      strategyId: 176057039,
      orderType: 'TRAILING_STOP_MARKET',
      status: 'NEW',
      stopPrice: '7103.04',
      orderId: 8886774,
      activationPrice: '7476.89',
    });
  });

  it.each(['balanceUpdate', 'executionReport', 'outboundAccountPosition', 'liabilityChange', 'openOrderLoss', 'riskLevelChange'])(
    'carries %s whole as a pm-other event',
    (type) => {
      const text = `{"e":"${type}","E":"1587727187525","u":"1.99999999"}`;
      expect(parseOk(text, 'pm')).toEqual({
        event: 'pm-other',
        market: 'pm',
        eventTime: 1587727187525,
        type,
        payload: { e: type, E: '1587727187525', u: '1.99999999' },
        source: 'ws',
      });
    },
  );
});

describe('parseFrame: fields added in 2026', () => {
  it('carries ALGO_UPDATE.o.ia as activated', () => {
    const frame = JSON.parse(fixture('usdm-algo-update.json')) as { o: Record<string, unknown> };
    const text = JSON.stringify({ ...frame, o: { ...frame.o, ia: false } });
    expect(parseOk(text)).toMatchObject({ event: 'algo', activated: false });
    expect(formatJson(parseOk(text))).toContain('"activated":false');
  });

  it('carries ACCOUNT_UPDATE.a.S, the symbol of a FUNDING_FEE update, as symbol', () => {
    const text = '{"e":"ACCOUNT_UPDATE","E":1,"T":1,"a":{"m":"FUNDING_FEE","S":"ETHUSDT","B":[{"a":"USDT","wb":"10.1","cw":"10.1","bc":"-0.01"}]}}';
    expect(parseOk(text)).toMatchObject({ event: 'account', reason: 'FUNDING_FEE', symbol: 'ETHUSDT' });
    expect(formatJson(parseOk(text))).toContain('"reason":"FUNDING_FEE","symbol":"ETHUSDT"');
  });

  it('carries ORDER_TRADE_UPDATE.o.M as the string Binance sends', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const text = JSON.stringify({ ...frame, o: { ...frame.o, x: 'AMENDMENT', M: '1759837491' } });
    expect(parseOk(text)).toMatchObject({ event: 'order', modifyId: '1759837491' });
    expect(formatJson(parseOk(text))).toContain('"modifyId":"1759837491"');
  });
});

describe('parseFrame: tolerance', () => {
  it('accepts E as a numeric string in any event and coerces it to a number', () => {
    const text = fixture('usdm-trade-lite.json').replace('"E":1721895408092', '"E":"1721895408092"');
    expect(text).toContain('"E":"1721895408092"');
    expect(parseOk(text).eventTime).toBe(1721895408092);
  });

  it.each(['""', '"abc"', '"12.5"', '-1', 'true', 'null'])('rejects E = %s as invalid', (value) => {
    const result = parseFrame(`{"e":"listenKeyExpired","E":${value}}`, 'usdm');
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('tolerates and ignores unknown extra fields', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const text = JSON.stringify({ ...frame, zz: 1, o: { ...frame.o, newField: 'x', ia: false } });
    const e = parseOk(text);
    expect(e).toMatchObject({ event: 'order', orderId: 215456450616 });
    expect(e).not.toHaveProperty('zz');
    expect(e).not.toHaveProperty('newField');
  });

  it('passes unknown status, exec type, order type and time-in-force values through', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const o = { ...frame.o, X: 'NEW_INSURANCE', x: 'SOMETHING_NEW', o: 'FUTURE_TYPE', f: 'RPI' };
    expect(parseOk(JSON.stringify({ ...frame, o }))).toMatchObject({
      status: 'NEW_INSURANCE',
      execType: 'SOMETHING_NEW',
      orderType: 'FUTURE_TYPE',
      timeInForce: 'RPI',
    });
  });

  it('keeps decimals as the exact strings sent, trailing zeros included', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const o = { ...frame.o, p: '85.6700', q: '0.10', ap: '1e-7', n: '0.00001000' };
    expect(parseOk(JSON.stringify({ ...frame, o }))).toMatchObject({
      price: '85.6700',
      origQty: '0.10',
      avgPrice: '1e-7',
      commission: '0.00001000',
    });
  });

  it('treats N and n as optional (no commission pushed)', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const { n: _n, N: _N, ...o } = frame.o;
    const e = parseOk(JSON.stringify({ ...frame, o }));
    expect(e).toHaveProperty('commission', undefined);
    expect(e).toHaveProperty('commissionAsset', undefined);
  });
});

describe('parseFrame: failures', () => {
  it('reports non-JSON as not-json', () => {
    expect(parseFrame('{"e":', 'usdm')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(parseFrame('', 'usdm')).toMatchObject({ ok: false, reason: 'not-json' });
  });

  it.each(['[]', '[{"e":"TRADE_LITE"}]', '42', 'null', '"text"', 'true'])('reports %s as not-object', (text) => {
    expect(parseFrame(text, 'usdm')).toMatchObject({ ok: false, reason: 'not-object' });
  });

  it.each([
    '{"e":"SOMETHING_NEW","E":1}',
    '{"e":42}',
    '{"e":"toString","E":1}',
    '{"e":"__proto__","E":1}',
  ])('reports %s as unknown-type', (text) => {
    expect(parseFrame(text, 'usdm')).toMatchObject({ ok: false, reason: 'unknown-type' });
  });

  it.each(['{"E":1}', '{"result":null,"id":1}', '{}', '{"event":{"e":"somethingElse"}}'])('reports %s as no-type, naming its keys', (text) => {
    const result = parseFrame(text, 'usdm');
    expect(result).toMatchObject({ ok: false, reason: 'no-type' });
    expect(result.ok ? '' : result.detail).not.toContain('undefined');
  });

  it('recognises serverShutdown, nested under event, as a notice for the connection', () => {
    expect(parseFrame(fixture('server-shutdown.json'), 'usdm')).toMatchObject({ ok: false, reason: 'server-shutdown' });
    expect(parseFrame(fixture('server-shutdown.json'), 'pm')).toMatchObject({ ok: false, reason: 'server-shutdown' });
  });

  it('reports an ORDER_TRADE_UPDATE without o.i as invalid, naming the field', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const { i: _i, ...o } = frame.o;
    const result = parseFrame(JSON.stringify({ ...frame, o }), 'usdm');
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok ? '' : result.detail).toContain('o.i');
  });

  it('reports a numeric price as invalid rather than converting it', () => {
    const frame = JSON.parse(fixture('usdm-order-trade-update-wire-2026.json')) as { o: Record<string, unknown> };
    const result = parseFrame(JSON.stringify({ ...frame, o: { ...frame.o, p: 85.67 } }), 'usdm');
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('reports an ACCOUNT_CONFIG_UPDATE with neither ac nor ai as invalid', () => {
    const result = parseFrame('{"e":"ACCOUNT_CONFIG_UPDATE","E":1,"T":1}', 'usdm');
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
