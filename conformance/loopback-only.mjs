// Fails any TCP connection or DNS lookup that would leave this machine: the clients under test
// must talk to the simulator on 127.0.0.1 and nothing else. Imported first by every test file.
import dns from 'node:dns';
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectLoopbackOnly(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  const host = options?.host ?? (options?.path ? 'localhost' : 'localhost');
  if (!LOOPBACK.has(String(host))) throw new Error(`conformance: a client tried to reach ${host}:${options?.port}; only the simulator on 127.0.0.1 is allowed`);
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function lookupLoopbackOnly(hostname, ...rest) {
  if (!LOOPBACK.has(hostname)) throw new Error(`conformance: a client tried to resolve ${hostname}; only the simulator on 127.0.0.1 is allowed`);
  return lookup.call(this, hostname, ...rest);
};
