import { describe, expect, it } from 'vitest';
import type { AccountEvent } from '../../../src/events/types.js';
import { formatJson } from '../../../src/output/json.js';
import { DEFAULT_SUBJECT_TEMPLATE, messageIdOf, parseSubjectTemplate, subjectOf, type SubjectTemplate } from '../../../src/sinks/nats-message.js';
import { orderItem } from '../../helpers/sink-items.js';

const template = (text: string): SubjectTemplate => {
  const parsed = parseSubjectTemplate(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('subject templates', () => {
  it('fills the default template with account, market and event kind', () => {
    expect(subjectOf(template(DEFAULT_SUBJECT_TEMPLATE), orderItem())).toBe('binance.orders.default.usdm.order');
    expect(subjectOf(template(DEFAULT_SUBJECT_TEMPLATE), orderItem({}, 'desk-a'))).toBe('binance.orders.desk-a.usdm.order');
  });

  it('captures every subject of the default template with binance.orders.>', () => {
    expect(template(DEFAULT_SUBJECT_TEMPLATE).streamSubject).toBe('binance.orders.>');
    expect(template('acme.{market}.fills').streamSubject).toBe('acme.>');
    expect(template('acme.orders').streamSubject).toBe('acme.orders');
  });

  it('keeps a value with dots, spaces or wildcards to one token', () => {
    expect(subjectOf(template('o.{account}.{symbol}'), orderItem({ symbol: 'BTC.USD' }, 'my desk>*'))).toBe('o.my_desk__.BTC_USD');
  });

  it('refuses unknown placeholders, empty tokens and wildcards with a reason', () => {
    expect(parseSubjectTemplate('a.{acount}')).toMatch(/unknown placeholder \{acount\}/);
    expect(parseSubjectTemplate('a..b')).toMatch(/empty token/);
    expect(parseSubjectTemplate('a.>')).toMatch(/\*|>/);
  });
});

describe('Nats-Msg-Id', () => {
  it('is the same for one order update whichever tailer printed it, live or recovered over REST', () => {
    const live = orderItem({ execType: 'TRADE', status: 'FILLED', tradeId: 77, filledQty: '0.010' });
    const recovered = orderItem({ execType: 'TRADE', status: 'FILLED', tradeId: 77, filledQty: '0.010', source: 'reconcile' });
    expect(messageIdOf(live)).toBe(messageIdOf(recovered));
  });

  it('differs between two fills of one order, and between accounts', () => {
    const first = orderItem({ execType: 'TRADE', status: 'PARTIALLY_FILLED', tradeId: 1, filledQty: '0.004' });
    const second = orderItem({ execType: 'TRADE', status: 'PARTIALLY_FILLED', tradeId: 2, filledQty: '0.008' });
    expect(messageIdOf(first)).not.toBe(messageIdOf(second));
    expect(messageIdOf(orderItem({}, 'a'))).not.toBe(messageIdOf(orderItem({}, 'b')));
  });

  it('names other kinds by their content, so the same frame gives the same id', () => {
    const account = (reason: string): AccountEvent => ({
      event: 'account', market: 'usdm', eventTime: 5, transactionTime: 4, reason, balances: [], positions: [], source: 'ws',
    });
    const item = (e: AccountEvent) => ({ event: e, line: formatJson(e), account: 'default' });
    expect(messageIdOf(item(account('ORDER')))).toBe(messageIdOf(item(account('ORDER'))));
    expect(messageIdOf(item(account('ORDER')))).toBe(messageIdOf(item({ ...account('ORDER'), source: 'reconcile' })));
    expect(messageIdOf(item(account('ORDER')))).not.toBe(messageIdOf(item(account('FUNDING_FEE'))));
  });
});
