/** What every command of one run shares: the Ctrl-C signal and warnings on stderr. */
const interrupted = new AbortController();

/** Aborted on the first Ctrl-C: calls stop, clients close (logout, unlock), then fortix exits 130. */
export const interruptSignal: AbortSignal = interrupted.signal;

/** First Ctrl-C: abort and clean up; a second one exits at once. */
export function handleInterrupts(): void {
  const onSignal = () => {
    if (interrupted.signal.aborted) process.exit(130);
    process.stderr.write('\nfortix: interrupted; cleaning up (Ctrl-C again to quit at once)\n');
    interrupted.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Prints a warning on stderr (never on stdout, which carries the data). */
export function warn(message: string): void {
  process.stderr.write(`fortix: warning: ${message}\n`);
}
