import type { Channel } from '@mattermost/types/channels';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from '../post_fixtures.js';
import { fileRowsInChannel, filesUnder, getFile, png, storageFolder, upload } from './file_fixtures.js';
import { startLocalS3, type LocalS3 } from './s3_fixture.js';

const BUCKET = 'parley-files';

let s3: LocalS3;
let server: TestServer;
let admin: TestUser;
let world: TeamWorld;
let channel: Channel;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  // The operator's FileSettings, as MM_ variables: files go to the bucket.
  server = await startTestServer({}, {
    MM_FILESETTINGS_DRIVERNAME: 'amazons3', MM_FILESETTINGS_AMAZONS3BUCKET: BUCKET, MM_FILESETTINGS_AMAZONS3ENDPOINT: s3.endpoint,
    MM_FILESETTINGS_AMAZONS3SSL: 'false', MM_FILESETTINGS_AMAZONS3ACCESSKEYID: 'S3RVER', MM_FILESETTINGS_AMAZONS3SECRETACCESSKEY: 'S3RVER',
    MM_FILESETTINGS_AMAZONS3PATHPREFIX: 'parley', MM_FILESETTINGS_AMAZONS3REGION: 'us-east-1',
  });
  admin = await ensureAdmin(server);
  world = await teamWith(server, 1);
  channel = await channelWith(world.owner, world.team.id, [world.members[0]]);
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
});

describe('files in an S3 bucket', () => {
  it('round-trips an upload, its previews and a download through the bucket', async () => {
    const bytes = await png(300, 200);
    const [info] = (await upload(world.owner, channel.id, [{ name: 'in-bucket.png', bytes }])).file_infos;
    expect(info).toMatchObject({ width: 300, height: 200, has_preview_image: true });
    await post(world.owner, channel.id, 'bucket', { file_ids: [info.id] });
    const reader = world.members[0];
    expect((await getFile(server, reader, `/api/v4/files/${info.id}`)).bytes.equals(bytes)).toBe(true);
    const thumbnail = await getFile(server, reader, `/api/v4/files/${info.id}/thumbnail`);
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: 'jpeg', height: 100 });
    // Nothing went to the local folder.
    expect(filesUnder(storageFolder(server))).toEqual([]);
    const stored = await server.app.fileStorage.backend.exists((await server.app.deps.store.fileInfos.get(info.id))?.path ?? '');
    expect(stored).toBe(true);
  });

  it('keeps nothing in the bucket for an upload past MaxFileSize', async () => {
    await admin.client.patchConfig({ FileSettings: { MaxFileSize: 6 * 1024 * 1024 } } as never);
    try {
      const refused = await upload(world.owner, channel.id, [{ name: 'too-big.bin', bytes: Buffer.alloc(7 * 1024 * 1024) }]).catch((err: unknown) => err);
      expect(refused).toMatchObject({ status_code: 413 });
      expect((await fileRowsInChannel(server, channel.id)).some((f) => f.name === 'too-big.bin')).toBe(false);
      expect(filesUnder(s3.directory).filter((f) => f.includes('too-big.bin'))).toEqual([]);
      expect(filesUnder(s3.directory).some((f) => f.includes('in-bucket.png'))).toBe(true);
    } finally {
      await admin.client.patchConfig({ FileSettings: { MaxFileSize: 104857600 } } as never);
    }
  });

  it('tests S3 settings for system admins only (POST /file/s3_test)', async () => {
    const settings = {
      DriverName: 'amazons3', AmazonS3Bucket: 'parley-tested', AmazonS3Endpoint: s3.endpoint, AmazonS3SSL: false,
      AmazonS3AccessKeyId: 'S3RVER', AmazonS3SecretAccessKey: 'S3RVER', AmazonS3Region: 'us-east-1',
    };
    expect((await admin.client.testS3Connection({ FileSettings: settings } as never)).status).toBe('OK');
    const unreachable = await raw(server, 'POST', '/file/s3_test', {
      token: admin.token, body: { FileSettings: { ...settings, AmazonS3Endpoint: '127.0.0.1:1', AmazonS3RequestTimeoutMilliseconds: 2000 } },
    });
    expect([unreachable.status, unreachable.body.id]).toEqual([400, 'api.file.test_connection_s3.app_error']);
    const local = await raw(server, 'POST', '/file/s3_test', { token: admin.token, body: { FileSettings: { DriverName: 'local' } } });
    expect(local.status).toBe(400);
    expect((await raw(server, 'POST', '/file/s3_test', { token: world.owner.token, body: { FileSettings: settings } })).status).toBe(403);
  });
});
