// The part of undici the bundled CLI calls: request() through the global Agent. undici's index also
// loads fetch, WebSocket, caches, cookies, mocks, proxy agents and the stream, pipeline, upgrade and
// connect APIs, more than half of its code, which costs start-up time for nothing;
// scripts/bundle.mjs maps the CLI's `from 'undici'` here.
'use strict';

const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const { getGlobalDispatcher } = require('undici/lib/global');

Dispatcher.prototype.request = require('undici/lib/api/api-request');

/** undici's request(url, options) for an absolute URL string, as the CLI calls it. */
module.exports.request = function request(url, { dispatcher = getGlobalDispatcher(), ...options } = {}) {
  const { origin, pathname, search } = new URL(url);
  return dispatcher.request({ ...options, origin, path: `${pathname}${search}`, method: options.method ?? 'GET' });
};
