// Preloaded into a CLI run (NODE_OPTIONS=--import): when the process opens its first TCP connection,
// which carries the first listenKey request, writes the Node modules loaded so far to FIRST_CONNECT_LOG.
import { writeFileSync } from 'node:fs';
import net from 'node:net';

const connect = net.Socket.prototype.connect;
let first = true;
net.Socket.prototype.connect = function connectAndLog(...args) {
  if (first) {
    first = false;
    writeFileSync(process.env.FIRST_CONNECT_LOG, process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).join('\n'));
  }
  return connect.apply(this, args);
};
