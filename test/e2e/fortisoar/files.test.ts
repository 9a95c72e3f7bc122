import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/core/errors.js';
import type { FortiSoar } from '../../../src/fortisoar/index.js';
import { type SoarHarness, startSoar } from './harness.js';

describe('FortiSOAR files and attachments', () => {
  let h: SoarHarness;
  let soar: FortiSoar;
  beforeAll(async () => {
    h = await startSoar();
    soar = h.client('hmac');
  });
  afterAll(() => h.close());

  it('uploads bytes, a file on disk and a stream (signed), and downloads the same bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 255, 10, 13]);
    const fromBytes = await soar.files.upload(bytes, { filename: 'blob.bin' });
    expect(fromBytes).toMatchObject({ '@type': 'File', filename: 'blob.bin', size: bytes.length });
    expect(await soar.files.download(fromBytes['@id'])).toEqual(bytes);
    const dir = await mkdtemp(join(tmpdir(), 'fortix-soar-'));
    await writeFile(join(dir, 'report.csv'), 'ip,verdict\n203.0.113.4,malicious\n');
    const fromPath = await soar.files.upload({ path: join(dir, 'report.csv') }, { contentType: 'text/csv' });
    expect(fromPath).toMatchObject({ filename: 'report.csv', mimeType: 'text/csv' });
    const fromStream = await soar.files.upload(
      Readable.from([Buffer.from('part 1, '), Buffer.from('part 2')]),
      { filename: 's.txt' },
    );
    expect((await soar.files.download(fromStream.uuid)).toString()).toBe('part 1, part 2');
    await expect(soar.files.download('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(soar.files.upload(Buffer.from('x'))).rejects.toBeInstanceOf(ValidationError);
  });

  it('attaches a file to a record', async () => {
    const incident = await soar.incidents.create({ name: 'Evidence' });
    const attachment = await soar.files.attach('incidents', incident.uuid, Buffer.from('pcap bytes'), {
      filename: 'capture.pcap',
      description: 'traffic capture',
    });
    expect(attachment).toMatchObject({
      name: 'capture.pcap',
      description: 'traffic capture',
      file: { filename: 'capture.pcap' },
    });
    const linked = await soar.incidents.get(incident.uuid, { relationships: true });
    expect(linked.attachments).toEqual([attachment['@id']]);
    const file = attachment.file as { '@id': string };
    expect((await soar.files.download(file['@id'])).toString()).toBe('pcap bytes');
  });
});
