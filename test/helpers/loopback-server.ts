import type { Server } from 'node:http';

/** Closes a test's loopback HTTP server, cutting its kept-alive connections first so close() returns. */
export async function closeLoopbackServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
