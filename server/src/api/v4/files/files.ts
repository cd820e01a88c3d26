import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import { allowSlowUpload } from '../../timeouts.js';
import type { RouteModule } from '../../context.js';
import { boolParam, OK, pathId } from '../../params.js';
import { presentFileInfo } from '../../../app/files/post_files.js';
import type { FileRendition } from '../../../app/files/files.js';
import { requestedRange } from './byte_range.js';
import { sendFile } from './send_file.js';
import { uploadMultipart, uploadRaw } from './upload.js';

const FileIdParams = Type.Object({ file_id: Type.String() });
/** JSON, text and form bodies reach the raw upload as the stream they are, not parsed. */
const PARSED_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'];

/** Files: upload (multipart or raw body), download, thumbnail, preview, info, public link, S3 connection test. */
export const fileRoutes: RouteModule = (api, { app }) => {
  // The upload route lives in a scope of its own, where any body but multipart stays an unread stream.
  void api.register(async (scope) => {
    scope.removeContentTypeParser(PARSED_TYPES);
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post('/files', { config: { audit: { action: 'file.upload' } } }, async (request, reply) => {
      const actor = await authenticate(app, request);
      allowSlowUpload(request, reply);
      const result = request.isMultipart() ? await uploadMultipart(app, actor, request) : await uploadRaw(app, actor, request, reply);
      return reply.code(201).send(result);
    });
  });

  const rendition = (path: string, kind: FileRendition): void => {
    api.get(path, { schema: { params: FileIdParams } }, async (request, reply) => {
      const actor = await authenticate(app, request);
      const range = request.headers.range;
      const opened = await app.files.open(actor, pathId(request.params.file_id, 'file_id'), kind, (size) => requestedRange(range, size));
      return sendFile(reply, opened, boolParam(request.query as Record<string, unknown>, 'download'));
    });
  };
  rendition('/files/:file_id', 'file');
  rendition('/files/:file_id/thumbnail', 'thumbnail');
  rendition('/files/:file_id/preview', 'preview');

  api.get('/files/:file_id/info', { schema: { params: FileIdParams } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const info = await app.files.info(actor, pathId(request.params.file_id, 'file_id'));
    reply.header('Cache-Control', 'max-age=2592000, private');
    return presentFileInfo(info);
  });

  api.get('/files/:file_id/link', { schema: { params: FileIdParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return app.files.publicLink(actor, pathId(request.params.file_id, 'file_id'), `${request.protocol}://${request.host}`);
  });

  api.post('/file/s3_test', {
    schema: { body: Type.Record(Type.String(), Type.Unknown()) },
    config: { audit: { action: 'file.s3_test' } },
    // Without a body the saved settings are tested.
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => {
    await app.files.testS3(await authenticate(app, request), request.body);
    return OK;
  });
};
