import type { AuthRequest, AuthStrategy, Credential } from '../../core/auth.js';
import type { Clock } from '../../core/clock.js';
import { TransportError } from '../../core/errors.js';
import { authorizationHeader } from './signature.js';

/**
 * HMAC request signing as an auth strategy: every request carries its own signature. A signature
 * the server found expired (clock skew, or a request that waited too long) is made again once, with
 * the server's clock as the `Date` header of its refusal tells it.
 */
export class HmacAuth implements AuthStrategy {
  readonly user: string | undefined = undefined;
  /** Server time minus our time, learned from a refusal. */
  #offsetMs = 0;
  #closed = false;

  constructor(
    private readonly keys: { readonly publicKey: string; readonly privateKey: string },
    /** Scheme, host and base path the request paths are relative to. */
    private readonly base: string,
    private readonly clock: Clock,
  ) {}

  authorize(request: AuthRequest): Promise<Credential> {
    const credential = this.current(request);
    if (credential) return Promise.resolve(credential);
    return Promise.reject(
      new TransportError('The FortiSOAR client is closed; create a new client', 'closed', {
        requestSent: false,
      }),
    );
  }

  current(request: AuthRequest): Credential | undefined {
    if (this.#closed) return undefined;
    const authorization = authorizationHeader({
      method: request.method,
      fullUri: this.base + request.path,
      body: request.body,
      ...this.keys,
      time: this.clock.now() + this.#offsetMs,
    });
    return { headers: { authorization } };
  }

  /** The server refused a signature as expired at `serverDate` (its `Date` header): sign on its clock from now on. */
  expired(serverDate: string | undefined): void {
    const serverTime = serverDate === undefined ? Number.NaN : Date.parse(serverDate);
    if (Number.isFinite(serverTime)) this.#offsetMs = serverTime - this.clock.now();
  }

  /** Called only after an expired signature (see the caller's hooks): a new signature can help. */
  renew(): Promise<boolean> {
    return Promise.resolve(!this.#closed);
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
