/** FortiAuthenticator versions: `8.0.3` from a firmware string, and comparison. */

/** `FACVMKVM v8.0.3, build0099 (GA)` or `FACVM v6.4.0-build0888 (GA)` -> `8.0.3` / `6.4.0`. */
export function versionOfFirmware(firmware: string): string | undefined {
  return /v(\d+\.\d+(?:\.\d+)?)/.exec(firmware)?.[1];
}

/** Negative when a < b, 0 when equal, positive when a > b (`6.6` equals `6.6.0`). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
