/**
 * Files: `POST /api/3/files` (multipart, field `file`) stores bytes and answers the file record;
 * `GET /api/3/files/<uuid>/download` answers the bytes. Attachments are `attachments` records whose
 * `file` is a file IRI.
 */
import { formParts } from '../http/body.js';
import { assertCanWrite, type SoarRouter } from '../http/call.js';
import { hydraError } from '../http/replies.js';
import { ld } from '../records/routes.js';
import type { RecordService } from '../records/service.js';

export function registerFileRoutes(
  router: SoarRouter,
  records: RecordService,
  contents: Map<string, Buffer>,
): void {
  router
    .add('POST', '/api/3/files', (call) => {
      assertCanWrite(call);
      const part = formParts(call.req)?.find((p) => p.name === 'file');
      if (!part) throw hydraError(400, 'A multipart/form-data body with a "file" field is required.');
      const filename = part.filename || 'upload.bin';
      const record = records.create(
        'files',
        { filename, mimeType: part.contentType ?? 'application/octet-stream', size: part.data.length },
        call.userIri,
      );
      contents.set(record.uuid, Buffer.from(part.data));
      return ld(201, {
        ...records.views.render(record, { context: true }),
        uploadDate: record.createDate,
        metadata: [],
        thumbnail: null,
        assignee: call.userIri,
      });
    })
    .add('GET', '/api/3/files/{uuid}/download', ({ params }) => {
      const record = records.find('files', params.uuid!);
      const bytes = contents.get(record.uuid) ?? Buffer.alloc(0);
      return {
        status: 200,
        headers: {
          'content-type': String(record.values.mimeType ?? 'application/octet-stream'),
          'content-disposition': `attachment; filename="${String(record.values.filename).replace(/"/g, '')}"`,
        },
        body: bytes,
      };
    });
}
