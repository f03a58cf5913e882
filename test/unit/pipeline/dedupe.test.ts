import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/events/parse.js';
import type { OrderEvent, StreamEvent } from '../../../src/events/types.js';

type OtherEvent = Exclude<StreamEvent, OrderEvent>;
import { DedupeWindow, eventKey } from '../../../src/pipeline/dedupe.js';

function fixtureEvent(name: string): { event: OtherEvent; frameLength: number } {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  const result = parseFrame(text, 'usdm');
  if (!result.ok) throw new Error(result.detail);
  if (result.event.event === 'order') throw new Error('expected an event other than an order');
  return { event: result.event, frameLength: text.length };
}

describe('DedupeWindow', () => {
  it('answers false for a new key and true for one already inside the window', () => {
    const window = new DedupeWindow(3);
    expect(window.check('a')).toBe(false);
    expect(window.check('b')).toBe(false);
    expect(window.check('a')).toBe(true);
    expect(window.size).toBe(2);
  });

  it('forgets the oldest key once capacity is reached', () => {
    const window = new DedupeWindow(3);
    for (const key of ['a', 'b', 'c', 'd']) expect(window.check(key)).toBe(false);
    expect(window.size).toBe(3);
    expect(window.check('b')).toBe(true);
    expect(window.check('c')).toBe(true);
    expect(window.check('d')).toBe(true);
    expect(window.check('a')).toBe(false);
  });

  it('does not refresh a key when it is seen again', () => {
    const window = new DedupeWindow(2);
    window.check('a');
    window.check('b');
    window.check('a');
    window.check('c');
    expect(window.check('a')).toBe(false);
  });

  it('never holds more than capacity keys after 100k inserts', () => {
    const window = new DedupeWindow(1_000);
    for (let i = 0; i < 100_000; i++) {
      window.check(`key-${i}`);
      if (window.size > 1_000) throw new Error(`size ${window.size} after ${i + 1} inserts`);
    }
    expect(window.size).toBe(1_000);
    expect(window.check('key-99999')).toBe(true);
    expect(window.check('key-99000')).toBe(true);
    expect(window.check('key-98999')).toBe(false);
  });
});

describe('eventKey', () => {
  it('matches two identical non-order frames and tells apart ones of different length', () => {
    const { event, frameLength } = fixtureEvent('usdm-account-update.json');
    expect(eventKey({ ...event } as OtherEvent, frameLength)).toBe(eventKey(event, frameLength));
    expect(eventKey(event, frameLength + 1)).not.toBe(eventKey(event, frameLength));
  });

  it('tells apart non-order events of the same kind at different event times', () => {
    const { event, frameLength } = fixtureEvent('usdm-margin-call.json');
    expect(eventKey({ ...event, eventTime: event.eventTime + 1 } as OtherEvent, frameLength)).not.toBe(eventKey(event, frameLength));
  });
});
