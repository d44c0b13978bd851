import { createServer } from 'node:net';

// Ports this process handed out already. The OS may hand the same ephemeral port to two listeners
// opened one after the other (each is closed before the caller binds it), so two asks in a row, or
// in parallel, could get one port twice: a broker whose two listeners share a port does not start.
const handedOut = new Set<number>();

function probe(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A TCP port on loopback that nothing listens on right now, and that this process never handed out before. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await probe();
    if (port !== 0 && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port found that was not handed out already');
}
