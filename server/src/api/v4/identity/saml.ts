import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SamlFileKind } from '../../../app/identity/saml/saml_files.js';
import { AppError } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { Api, RouteModule } from '../../context.js';
import { multipartLimits } from '../../multipart.js';
import { OK } from '../../params.js';
import { closeIfUnread } from '../pictures/image_upload.js';

const MetadataFromIdpBody = Type.Object({ saml_metadata_url: Type.String({ minLength: 1, maxLength: 2048 }) });
/** Certificates and keys are a few KiB; a chain or a bundle of two stays far below this. */
const MAX_CERTIFICATE_BYTES = 256 * 1024;
const KINDS: SamlFileKind[] = ['idp', 'public', 'private'];

const noFile = (): AppError => new AppError('api.admin.add_certificate.no_file.app_error', 'No file under \'certificate\' in request.', 400);
const tooLarge = (): AppError => new AppError('api.admin.add_certificate.too_large.app_error', 'The certificate file is too large.', 413);
const unreadable = (): AppError => new AppError('api.admin.add_certificate.parse.app_error', 'Could not read the uploaded certificate.', 400);

/** The uploaded file: the multipart field `certificate`, or (IdP only, as the console sends it from the metadata) a bare PEM body. */
async function readCertificate(request: FastifyRequest, kind: SamlFileKind): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_CERTIFICATE_BYTES) throw tooLarge();
  if (kind === 'idp' && typeof request.body === 'string') return Buffer.from(request.body, 'utf8');
  if (!request.isMultipart()) throw noFile();
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts(multipartLimits(MAX_CERTIFICATE_BYTES, 1))) {
      if (part.type === 'field') continue;
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > MAX_CERTIFICATE_BYTES) throw tooLarge();
        chunks.push(chunk);
      }
      if (part.fieldname === 'certificate' && !file) file = Buffer.concat(chunks);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
  if (!file || file.length === 0) throw noFile();
  return file;
}

/** Mattermost's /saml endpoints: the SP metadata, the IdP metadata look-up, and the certificate files. */
export const samlRoutes: RouteModule = (api, { app }) => {
  void api.register(async (scope: Api) => {
    // The console sends the IdP certificate taken from the metadata as a bare PEM body with this type.
    scope.addContentTypeParser('application/x-pem-file', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get('/saml/metadata', async (request, reply) => {
      const xml = await app.saml.metadata(`${request.protocol}://${request.host}`);
      return reply.type('application/xml').header('Content-Disposition', 'attachment; filename="metadata.xml"').send(xml);
    });

    scope.post('/saml/metadatafromidp', {
      schema: { body: MetadataFromIdpBody },
      config: { audit: { action: 'saml.metadatafromidp', body: ['saml_metadata_url'] } },
    }, async (request) => app.saml.metadataFromIdp(await authenticate(app, request), request.body.saml_metadata_url));

    scope.get('/saml/certificate/status', async (request) => app.saml.files.status(await authenticate(app, request)));

    for (const kind of KINDS) {
      scope.post(`/saml/certificate/${kind}`, { onSend: closeIfUnread, config: { audit: { action: `saml.certificate.${kind}.add` } } }, async (request) => {
        const actor = await authenticate(app, request);
        app.saml.files.requireWrite(actor);
        await app.saml.files.add(actor, kind, await readCertificate(request, kind));
        return OK;
      });
      scope.delete(`/saml/certificate/${kind}`, { config: { audit: { action: `saml.certificate.${kind}.remove` } } }, async (request) => {
        await app.saml.files.remove(await authenticate(app, request), kind);
        return OK;
      });
    }
  });
};
