import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A PEM key pair and certificate for the simulator's HTTPS listener. */
export interface SimCertificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint of the certificate, `AB:CD:...` as Node prints it. */
  fingerprint256: string;
}

let cached: Promise<SimCertificate> | undefined;

/**
 * A self-signed certificate for `localhost` / `127.0.0.1`, generated once per process (EC P-256,
 * so it takes milliseconds) and shared by every simulator the process starts.
 */
export function simulatorCertificate(): Promise<SimCertificate> {
  cached ??= (async () => {
    const pems = await generate([{ name: 'commonName', value: 'fortix-simulator' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 7 * 24 * 3600_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    return {
      key: pems.private,
      cert: pems.cert,
      fingerprint256: new X509Certificate(pems.cert).fingerprint256,
    };
  })();
  return cached;
}
