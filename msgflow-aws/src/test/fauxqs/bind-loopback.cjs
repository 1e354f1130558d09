'use strict';
// fauxqs 1.9.2 listens on 0.0.0.0 whatever it is told; the tests must expose it on loopback only.
// Preloaded with `node --require`, this rewrites the host of every net.Server.listen call to 127.0.0.1.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (args.length > 0 && args[0] !== null && typeof args[0] === 'object') {
    args[0] = { ...args[0], host: LOOPBACK };
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  }
  return originalListen.apply(this, args);
};
