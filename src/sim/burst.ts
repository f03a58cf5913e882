import type { Duplex } from 'node:stream';

/** Bytes gathered before one write to the TCP socket. */
const CHUNK_BYTES = 256 * 1024;
/** Room for a frame header: 1 byte of opcode, 1 of length, 8 of extended length. */
const MAX_HEADER_BYTES = 10;

/**
 * Writes `count` text frames to a server-side WebSocket's raw TCP socket, as fast as the socket
 * drains: frames are encoded straight into large chunks (unmasked, as a server sends them) and the
 * next chunk waits for 'drain' whenever the kernel buffer is full, so the receiver sets the pace.
 * This skips ws's per-message send so a benchmark's sender costs far less than its receiver.
 * Frames are whole, so they interleave safely with ws's own writes (pings) on the same socket.
 * Resolves with the number of frames written; stops early if the socket closes.
 */
export async function writeTextFrames(socket: Duplex, count: number, frameAt: (index: number) => string): Promise<number> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (let index = 0; index < count; index++) {
    if (socket.destroyed || !socket.writable) return index;
    const text = frameAt(index);
    const payloadBytes = Buffer.byteLength(text);
    if (used + MAX_HEADER_BYTES + payloadBytes > chunk.length) {
      if (used > 0 && !socket.write(chunk.subarray(0, used))) await drained(socket);
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, MAX_HEADER_BYTES + payloadBytes));
      used = 0;
    }
    used = writeHeader(chunk, used, payloadBytes);
    used += chunk.write(text, used);
  }
  if (used > 0 && socket.writable && !socket.write(chunk.subarray(0, used))) await drained(socket);
  return count;
}

/** A FIN text-frame header (opcode 1, no mask) with the shortest length encoding; returns the new offset. */
function writeHeader(chunk: Buffer, offset: number, payloadBytes: number): number {
  chunk[offset] = 0x81;
  if (payloadBytes < 126) {
    chunk[offset + 1] = payloadBytes;
    return offset + 2;
  }
  if (payloadBytes < 65_536) {
    chunk[offset + 1] = 126;
    chunk.writeUInt16BE(payloadBytes, offset + 2);
    return offset + 4;
  }
  chunk[offset + 1] = 127;
  chunk.writeBigUInt64BE(BigInt(payloadBytes), offset + 2);
  return offset + 10;
}

function drained(socket: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
