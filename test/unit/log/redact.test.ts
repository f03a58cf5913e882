import { describe, expect, it } from 'vitest';
import { redactKey, redactUrl, redactUrlCredentials, scrub } from '../../../src/log/redact.js';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

describe('redactKey', () => {
  it('shows only the first and last four characters', () => {
    expect(redactKey(KEY)).toBe('vmPU…Eh8A');
  });

  it('shows nothing of a key of 12 characters or fewer', () => {
    expect(redactKey('abcdefghijkl')).toBe('…');
    expect(redactKey('')).toBe('…');
  });

  it('leaves a key that is already redacted as it is', () => {
    expect(redactKey(redactKey(KEY))).toBe('vmPU…Eh8A');
    expect(redactKey('…')).toBe('…');
  });

  it('shows the ends of a 13-character key', () => {
    expect(redactKey('abcdefghijklm')).toBe('abcd…jklm');
  });
});

describe('scrub', () => {
  it('replaces every occurrence of every secret', () => {
    const listenKey = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';
    const text = `key=${KEY} url=wss://x/ws/${listenKey} again ${KEY}`;
    const out = scrub(text, [KEY, listenKey]);
    expect(out).toBe('key=vmPU…Eh8A url=wss://x/ws/pqia…65a1 again vmPU…Eh8A');
    expect(out).not.toContain(KEY.slice(4, -4));
  });

  it('ignores an empty secret', () => {
    expect(scrub('nothing to hide', [''])).toBe('nothing to hide');
  });
});

describe('credentials in URLs', () => {
  it('replaces user:password@ in any URL of a text, and leaves other @ alone', () => {
    expect(redactUrlCredentials('stream ws://trader:hunter2@127.0.0.1:9/private/ws?listenKey=x, proxy http://u@proxy:8080')).toBe(
      'stream ws://…@127.0.0.1:9/private/ws?listenKey=x, proxy http://…@proxy:8080',
    );
    expect(redactUrlCredentials('mail me at a@b.c')).toBe('mail me at a@b.c');
  });

  it('scrub removes them too, and a secret in its URL-encoded form', () => {
    expect(scrub('wss://a:b@h/x?k=a%2Bb%2Fkey%3Dxyz0123', ['a+b/key=xyz0123'])).toBe('wss://…@h/x?k=a+b/…0123');
  });
});

describe('redactUrl', () => {
  it('keeps scheme and host, and hides the path, query and user part where tokens live', () => {
    expect(redactUrl('https://hooks.slack.com/services/T000/B000/XXXXSECRET')).toBe('https://hooks.slack.com/…');
    expect(redactUrl('https://api.telegram.org/bot123:TOKEN/sendMessage?chat_id=1')).toBe('https://api.telegram.org/…');
    expect(redactUrl('nats://user:pass@127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
    expect(redactUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(redactUrl('not a url')).toBe('(unparsable URL)');
  });
});
