import type { WebSocket } from 'ws';

/** Past this much unsent data the peer is not keeping up; cutting it makes it reconnect and catch up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Sends one JSON text frame, if the socket is still open. */
export function sendFrame(socket: WebSocket, frame: unknown): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.terminate();
    return;
  }
  socket.send(JSON.stringify(frame));
}
