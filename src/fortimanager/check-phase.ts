/**
 * Resolves in the event loop's next check phase. undici writes a request on a reused keep-alive
 * socket only from an immediate it queues as the request is handed to it (so that the socket can
 * show first whether the server closed it): work that waits for the next check phase runs after
 * that write, overlapping FortiManager's work on the request instead of delaying it.
 */
export function nextCheckPhase(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
