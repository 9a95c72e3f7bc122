/** Builds a `.tgz` (ustar + gzip) in memory, as a connector bundle is packed. */
import { gzipSync } from 'node:zlib';

export function tgz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(
      `${Math.floor(Date.UTC(2026, 0, 1) / 1000)
        .toString(8)
        .padStart(11, '0')}\0`,
      136,
    );
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A minimal connector bundle: one top-level folder with an info.json. */
export function connectorBundle(name: string, version: string, operation = 'say_hello'): Buffer {
  const info = {
    name,
    label: name,
    version,
    description: 'Built by a test',
    configuration: { fields: [] },
    operations: [
      { operation, title: 'Say Hello', parameters: [{ name: 'who', type: 'text', required: true }] },
    ],
  };
  return tgz({ [`${name}/info.json`]: JSON.stringify(info), [`${name}/connector.py`]: 'pass\n' });
}
