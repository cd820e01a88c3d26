import type { AdminConfig } from '@mattermost/types/config';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMAIL_NOTIFICATION_JOB } from '../../../src/app/notifications/email_notifications.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { decodedMail, startSmtpSink, waitForMail, type SmtpSink } from '../../smtp_sink.js';
import { newChannel, newTeam, recordEvents } from '../../team_fixtures.js';
import { startPushProxy, type PushProxy } from './push_proxy.js';

let server: TestServer;
let sink: SmtpSink;
let proxy: PushProxy;
let ana: TestUser;
let team: Team;

const patchConfig = (patch: object) => ana.client.patchConfig(patch as Partial<AdminConfig>);
const db = () => (server.app.deps.store as SqlStore).db;

/** A user in the team and in `channelId`. */
async function member(prefix: string, channelId: string): Promise<TestUser> {
  const user = await createUser(server, prefix);
  await ana.client.addToTeam(team.id, user.user.id);
  await ana.client.addToChannel(user.user.id, channelId);
  return user;
}

const post = (author: TestUser, channelId: string, message: string, rootId = ''): Promise<Post> =>
  author.client.createPost({ channel_id: channelId, message, root_id: rootId } as Post);

const setStatus = (user: TestUser, status: string) =>
  raw(server, 'PUT', `/users/${user.user.id}/status`, { token: user.token, body: { user_id: user.user.id, status } });

const attachDevice = (user: TestUser, deviceId: string) =>
  raw(server, 'PUT', '/users/sessions/device', { token: user.token, body: { device_id: deviceId } });

/** Sleeps long enough for queued jobs to have run had they been going to. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

/** Makes the user's waiting email batch due now and wakes the runner. */
async function flushBatch(userId: string): Promise<void> {
  await db().updateTable('jobs').set({ run_at: Date.now() - 1 }).where('type', '=', EMAIL_NOTIFICATION_JOB).where('group_key', '=', userId).execute();
  server.app.notifications.jobs.wake();
}

const pendingEmailJobs = (userId: string) =>
  db().selectFrom('jobs').selectAll().where('type', '=', EMAIL_NOTIFICATION_JOB).where('group_key', '=', userId).where('status', '=', 'pending').execute();

/** Notifications are queued after the post is answered: waits until the user's pending email holds `posts` posts. */
async function waitForBatch(userId: string, posts: number) {
  for (let i = 0; i < 200; i++) {
    const waiting = await pendingEmailJobs(userId);
    if (waiting.reduce((n, j) => n + (JSON.parse(j.data) as { postIds: string[] }).postIds.length, 0) >= posts) return waiting;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no pending email with ${posts} posts for ${userId}`);
}

beforeAll(async () => {
  server = await startTestServer();
  ana = await createUser(server, 'ana');
  team = await newTeam(ana.client);
  sink = await startSmtpSink();
  proxy = await startPushProxy();
  await patchConfig({
    ServiceSettings: { SiteURL: server.url },
    TeamSettings: { SiteName: 'Parley Test' },
    EmailSettings: {
      SMTPServer: '127.0.0.1', SMTPPort: String(sink.port), ConnectionSecurity: '', EnableSMTPAuth: false,
      FeedbackEmail: 'notify@parley.test', FeedbackName: 'Parley', SendEmailNotifications: true,
      SendPushNotifications: true, PushNotificationServer: proxy.url, PushNotificationContents: 'full',
      EnableEmailBatching: false, EmailNotificationContentsType: 'full',
    },
  });
});
afterAll(async () => {
  await server?.close();
  await sink?.close();
  await proxy?.close();
});
beforeEach(() => {
  proxy.reply = () => ({ status: 200, json: { status: 'OK' } });
});

describe('client config', () => {
  it('offers email and push settings only while the server can send them', async () => {
    const config = await raw(server, 'GET', '/config/client?format=old', { token: ana.token });
    expect(config.body).toMatchObject({ SendEmailNotifications: 'true', SendPushNotifications: 'true', EnableEmailBatching: 'false' });
    await patchConfig({ EmailSettings: { PushNotificationServer: '' } });
    try {
      expect((await raw(server, 'GET', '/config/client?format=old', { token: ana.token })).body.SendPushNotifications).toBe('false');
    } finally {
      await patchConfig({ EmailSettings: { PushNotificationServer: proxy.url } });
    }
  });
});

describe('email notifications', () => {
  it('mails a mention to an offline member, with the message, a permalink and the settings link; not to the others', async () => {
    const channel = await newChannel(ana.client, team.id, 'O', 'Release Planning');
    const ben = await member('ben', channel.id);
    const carl = await member('carl', channel.id);
    const before = sink.received.length;
    const mention = await post(ana, channel.id, `@${ben.user.username} can you check the <release> notes?`);
    const mail = await waitForMail(sink, ben.user.email, before);
    const text = decodedMail(mail);
    expect(mail.from).toBe('notify@parley.test');
    expect(text).toMatch(/Subject: \[Parley Test\] New message in Release Planning on /);
    expect(text).toContain('can you check the <release> notes?');
    expect(text).toContain('can you check the &lt;release&gt; notes?');
    expect(text).toContain(`${server.url}/${team.name}/pl/${mention.id}`);
    expect(text).toContain(`${server.url}/${team.name}?settings=notifications`);
    await settle();
    expect(sink.received.slice(before).filter((m) => m.to.includes(carl.user.email))).toHaveLength(0);
    expect(sink.received.slice(before).filter((m) => m.to.includes(ana.user.email))).toHaveLength(0);
  });

  it('sends a direct message by email, in the recipient\'s language', async () => {
    const dora = await createUser(server, 'dora');
    await dora.client.patchMe({ locale: 'de' });
    const dm = await ana.client.createDirectChannel([ana.user.id, dora.user.id]);
    const before = sink.received.length;
    await post(ana, dm.id, 'Hallo Dora');
    const text = decodedMail(await waitForMail(sink, dora.user.email, before));
    expect(text).toMatch(/Subject: \[Parley Test\] Neue Direktnachricht von @ana/);
    expect(text).toContain('Hallo Dora');
  });

  it('does not mail someone who is online, or who turned email off, or who muted the channel', async () => {
    const channel = await newChannel(ana.client, team.id);
    const online = await member('online', channel.id);
    const quiet = await member('quiet', channel.id);
    const muted = await member('muted', channel.id);
    const marker = await member('marker', channel.id);
    expect((await setStatus(online, 'online')).status).toBe(200);
    await quiet.client.patchMe({ notify_props: { ...quiet.user.notify_props, email: 'false' } });
    await muted.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: muted.user.id, mark_unread: 'mention' } as never);
    const before = sink.received.length;
    await post(ana, channel.id, `@${online.user.username} @${quiet.user.username} @${muted.user.username} @${marker.user.username} standup`);
    await waitForMail(sink, marker.user.email, before);
    await settle();
    const to = sink.received.slice(before).flatMap((m) => m.to);
    expect(to).not.toContain(online.user.email);
    expect(to).not.toContain(quiet.user.email);
    expect(to).not.toContain(muted.user.email);
  });

  it('mails @channel to offline members, but not @here, which is for those online', async () => {
    const channel = await newChannel(ana.client, team.id);
    const away = await member('away', channel.id);
    const before = sink.received.length;
    await post(ana, channel.id, '@here quick question');
    await post(ana, channel.id, '@channel release at five');
    const text = decodedMail(await waitForMail(sink, away.user.email, before));
    expect(text).toContain('release at five');
    await settle();
    const toAway = sink.received.slice(before).filter((m) => m.to.includes(away.user.email)).map(decodedMail);
    expect(toAway).toHaveLength(1);
    expect(toAway[0]).not.toContain('quick question');
  });

  it('leaves the message text out when the content level is generic', async () => {
    await patchConfig({ EmailSettings: { EmailNotificationContentsType: 'generic' } });
    try {
      const channel = await newChannel(ana.client, team.id);
      const gus = await member('gus', channel.id);
      const before = sink.received.length;
      await post(ana, channel.id, `@${gus.user.username} the secret launch code`);
      const text = decodedMail(await waitForMail(sink, gus.user.email, before));
      expect(text).toMatch(/Subject: \[Parley Test\] New notification from @ana/);
      expect(text).not.toContain('secret launch code');
    } finally {
      await patchConfig({ EmailSettings: { EmailNotificationContentsType: 'full' } });
    }
  });

  describe('batching', () => {
    beforeAll(() => patchConfig({ EmailSettings: { EnableEmailBatching: true } }));
    afterAll(() => patchConfig({ EmailSettings: { EnableEmailBatching: false } }));

    it('collects a user\'s notifications for their interval into one email', async () => {
      const channel = await newChannel(ana.client, team.id, 'O', 'Batch Room');
      const hana = await member('hana', channel.id);
      await hana.client.savePreferences(hana.user.id, [{ user_id: hana.user.id, category: 'notifications', name: 'email_interval', value: '900' }]);
      const before = sink.received.length;
      for (const word of ['first', 'second', 'third']) await post(ana, channel.id, `@${hana.user.username} ${word} item`);
      // One batch, about 15 minutes away, holding the three posts.
      const waiting = await waitForBatch(hana.user.id, 3);
      expect(waiting).toHaveLength(1);
      expect(JSON.parse(waiting[0].data).postIds).toHaveLength(3);
      expect(waiting[0].run_at - Date.now()).toBeGreaterThan(800_000);
      await settle();
      expect(sink.received.slice(before).filter((m) => m.to.includes(hana.user.email))).toHaveLength(0);
      await flushBatch(hana.user.id);
      const text = decodedMail(await waitForMail(sink, hana.user.email, before));
      expect(text).toMatch(/Subject: \[Parley Test\] 3 new notifications/);
      for (const word of ['first', 'second', 'third']) expect(text).toContain(`${word} item`);
      await settle();
      expect(sink.received.slice(before).filter((m) => m.to.includes(hana.user.email))).toHaveLength(1);
      expect(await pendingEmailJobs(hana.user.id)).toHaveLength(0);
    });

    it('sends nothing for posts the user has read before the batch went out', async () => {
      const channel = await newChannel(ana.client, team.id);
      const ivan = await member('ivan', channel.id);
      const marker = await member('marker', channel.id);
      await ivan.client.savePreferences(ivan.user.id, [{ user_id: ivan.user.id, category: 'notifications', name: 'email_interval', value: '3600' }]);
      await post(ana, channel.id, `@${ivan.user.username} please read`);
      expect(await waitForBatch(ivan.user.id, 1)).toHaveLength(1);
      expect((await raw(server, 'POST', '/channels/members/me/view', { token: ivan.token, body: { channel_id: channel.id } })).status).toBe(200);
      const before = sink.received.length;
      await flushBatch(ivan.user.id);
      // Immediately (the default interval '30') is not batched: the marker's mail goes at once.
      await marker.client.savePreferences(marker.user.id, [{ user_id: marker.user.id, category: 'notifications', name: 'email_interval', value: '30' }]);
      await post(ana, channel.id, `@${marker.user.username} ping`);
      await waitForMail(sink, marker.user.email, before);
      await settle();
      expect(sink.received.slice(before).filter((m) => m.to.includes(ivan.user.email))).toHaveLength(0);
      expect(await pendingEmailJobs(ivan.user.id)).toHaveLength(0);
    });
  });
});

describe('push notifications', () => {
  it('attaches a device to the session, validating it', async () => {
    const kim = await createUser(server, 'kim');
    expect((await attachDevice(kim, 'android_rn:token-kim')).status).toBe(200);
    expect((await attachDevice(kim, 'no platform')).status).toBe(400);
    expect((await raw(server, 'PUT', '/users/sessions/device', { body: { device_id: 'apple:x' } })).status).toBe(401);
    expect((await raw(server, 'PUT', '/users/sessions/device', { token: kim.token, body: { device_id: 42 } })).status).toBe(400);
  });

  it('pushes a mention to the device with Mattermost\'s fields, and clears it when the channel is read', async () => {
    const channel = await newChannel(ana.client, team.id, 'O', 'Ops');
    const lea = await member('lea', channel.id);
    expect((await attachDevice(lea, 'android:token-lea')).status).toBe(200);
    const mention = await post(ana, channel.id, `@${lea.user.username} the build is red`);
    const push = await proxy.waitFor((b) => b.device_id === 'token-lea' && b.type === 'message');
    expect(push).toMatchObject({
      platform: 'android', version: 'v2', type: 'message', post_id: mention.id, channel_id: channel.id, team_id: team.id,
      channel_name: 'Ops', sender_id: ana.user.id, sender_name: `@${ana.user.username}`, category: 'CAN_REPLY',
      message: `@${ana.user.username}: @${lea.user.username} the build is red`,
    });
    expect(push.badge).toBeGreaterThanOrEqual(1);
    expect((await raw(server, 'POST', '/channels/members/me/view', { token: lea.token, body: { channel_id: channel.id } })).status).toBe(200);
    const clear = await proxy.waitFor((b) => b.device_id === 'token-lea' && b.type === 'clear');
    expect(clear).toMatchObject({ channel_id: channel.id, badge: 0 });
  });

  it('does not push for a post without a mention at the default level, nor to a user in do-not-disturb', async () => {
    const channel = await newChannel(ana.client, team.id);
    const max = await member('max', channel.id);
    const nia = await member('nia', channel.id);
    await attachDevice(max, 'apple:token-max');
    await attachDevice(nia, 'apple:token-nia');
    expect((await setStatus(nia, 'dnd')).status).toBe(200);
    await post(ana, channel.id, 'general chatter');
    await post(ana, channel.id, `@${nia.user.username} are you there?`);
    const marker = await post(ana, channel.id, `@${max.user.username} marker`);
    await proxy.waitFor((b) => b.post_id === marker.id);
    await settle();
    expect(proxy.received.filter((b) => b.device_id === 'token-nia')).toHaveLength(0);
    expect(proxy.received.filter((b) => b.device_id === 'token-max')).toHaveLength(1);
  });

  it('pushes every post to those who asked for all, by their own or the channel\'s setting', async () => {
    const channel = await newChannel(ana.client, team.id);
    const everything = await member('all', channel.id);
    const byChannel = await member('chanall', channel.id);
    const overridden = await member('override', channel.id);
    await everything.client.patchMe({ notify_props: { ...everything.user.notify_props, push: 'all' } });
    await byChannel.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: byChannel.user.id, push: 'all' } as never);
    await overridden.client.patchMe({ notify_props: { ...overridden.user.notify_props, push: 'all' } });
    await overridden.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: overridden.user.id, push: 'mention' } as never);
    for (const [u, d] of [[everything, 'all'], [byChannel, 'chan'], [overridden, 'over']] as const) await attachDevice(u, `apple:token-${d}-${u.user.id}`);
    const chatter = await post(ana, channel.id, 'lunch at noon');
    await proxy.waitFor((b) => b.post_id === chatter.id && b.device_id === `token-all-${everything.user.id}`);
    await proxy.waitFor((b) => b.post_id === chatter.id && b.device_id === `token-chan-${byChannel.user.id}`);
    await settle();
    expect(proxy.received.filter((b) => b.post_id === chatter.id)).toHaveLength(2);
  });

  it('retries after the proxy fails, and detaches a device the proxy says is gone', async () => {
    const channel = await newChannel(ana.client, team.id);
    const omar = await member('omar', channel.id);
    await attachDevice(omar, 'android:token-omar');
    let calls = 0;
    proxy.reply = (body) => (body.device_id === 'token-omar' && ++calls === 1 ? { status: 500, json: { error: 'down' } } : { status: 200, json: { status: 'OK' } });
    const first = await post(ana, channel.id, `@${omar.user.username} retry me`);
    await proxy.waitFor((b) => b.post_id === first.id);
    const delivered = await proxy.waitFor((b) => b.post_id === first.id && proxy.received.filter((r) => r.post_id === first.id).length >= 2, 15_000);
    expect(delivered.post_id).toBe(first.id);
    expect(calls).toBe(2);

    proxy.reply = () => ({ status: 200, json: { status: 'REMOVE' } });
    const second = await post(ana, channel.id, `@${omar.user.username} device gone`);
    await proxy.waitFor((b) => b.post_id === second.id);
    await settle();
    const sessions = await server.app.deps.store.sessions.listForUser(omar.user.id);
    expect(sessions.every((s) => s.device_id === '')).toBe(true);
  }, 30_000);

  it('sends no content in id-loaded mode; the app fetches it with the ack, which a non-member cannot', async () => {
    await patchConfig({ EmailSettings: { PushNotificationContents: 'id_loaded' } });
    try {
      const channel = await newChannel(ana.client, team.id, 'P', 'Secret Project');
      const pia = await member('pia', channel.id);
      const outsider = await createUser(server, 'outsider');
      await attachDevice(pia, 'apple:token-pia');
      const secret = await post(ana, channel.id, `@${pia.user.username} the acquisition closes friday`);
      const push = await proxy.waitFor((b) => b.post_id === secret.id);
      expect(push.is_id_loaded).toBe(true);
      expect(JSON.stringify(push)).not.toContain('acquisition');
      expect(push.channel_name).toBeUndefined();
      expect(push.sender_name).toBeUndefined();
      const ack = { id: secret.id, post_id: secret.id, platform: 'apple', type: 'message', is_id_loaded: true };
      const full = await raw(server, 'POST', '/notifications/ack', { token: pia.token, body: ack });
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({ post_id: secret.id, channel_name: 'Secret Project', message: `@${ana.user.username}: @${pia.user.username} the acquisition closes friday` });
      const denied = await raw(server, 'POST', '/notifications/ack', { token: outsider.token, body: ack });
      expect(denied.status).toBe(403);
      expect(JSON.stringify(denied.body)).not.toContain('acquisition');
      expect((await raw(server, 'POST', '/notifications/ack', { token: pia.token, body: { ...ack, post_id: 'bad' } })).status).toBe(400);
    } finally {
      await patchConfig({ EmailSettings: { PushNotificationContents: 'full' } });
    }
  });
});

describe('mentions of people outside the channel', () => {
  it('notifies nobody outside, and tells only the author they were not notified', async () => {
    const channel = await newChannel(ana.client, team.id);
    const rosa = await createUser(server, 'rosa');
    await ana.client.addToTeam(team.id, rosa.user.id);
    await attachDevice(rosa, 'android:token-rosa');
    const recorder = recordEvents(server);
    const before = sink.received.length;
    try {
      const mention = await post(ana, channel.id, `hey @${rosa.user.username}, look`);
      for (let i = 0; i < 100 && !recorder.events.some((e) => e.event === 'ephemeral_message'); i++) await new Promise((r) => setTimeout(r, 20));
      const warning = recorder.events.find((e) => e.event === 'ephemeral_message');
      expect(warning?.broadcast).toMatchObject({ user_id: ana.user.id, channel_id: channel.id });
      const shown = JSON.parse(String(warning?.data.post)) as Post;
      expect(shown.type).toBe('system_ephemeral_add_to_channel');
      expect(shown.message).toContain(`@${rosa.user.username} did not get notified`);
      expect(shown.props.add_channel_member).toMatchObject({ post_id: mention.id, not_in_channel_user_ids: [rosa.user.id] });
      await settle();
      expect(sink.received.slice(before).flatMap((m) => m.to)).not.toContain(rosa.user.email);
      expect(proxy.received.filter((b) => b.device_id === 'token-rosa')).toHaveLength(0);
    } finally {
      recorder.stop();
    }
  });
});

describe('channel-wide mentions in large channels', () => {
  it('limits how often one author notifies a channel of more than 5 members', async () => {
    const caller = await createUser(server, 'caller');
    await ana.client.addToTeam(team.id, caller.user.id);
    const channel = await newChannel(ana.client, team.id);
    await ana.client.addToChannel(caller.user.id, channel.id);
    for (let i = 0; i < 5; i++) await member('crowd', channel.id);
    for (let i = 0; i < 5; i++) {
      const ok = await raw(server, 'POST', '/posts', { token: caller.token, body: { channel_id: channel.id, message: `@channel update ${i}` } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    }
    const limited = await raw(server, 'POST', '/posts', { token: caller.token, body: { channel_id: channel.id, message: '@here once more' } });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ id: 'api.post.create_post.channel_mentions_rate_limited.app_error', status_code: 429 });
    // A message without a channel-wide mention still goes through, and so does @channel in a small channel.
    expect((await raw(server, 'POST', '/posts', { token: caller.token, body: { channel_id: channel.id, message: 'plain words' } })).status).toBe(201);
    const small = await newChannel(ana.client, team.id);
    await ana.client.addToChannel(caller.user.id, small.id);
    expect((await raw(server, 'POST', '/posts', { token: caller.token, body: { channel_id: small.id, message: '@channel small room' } })).status).toBe(201);
  });

  it('notifies nobody above MaxNotificationsPerChannel and tells the author', async () => {
    await patchConfig({ TeamSettings: { MaxNotificationsPerChannel: 3 } });
    const recorder = recordEvents(server);
    try {
      const channel = await newChannel(ana.client, team.id);
      const members = [await member('big', channel.id), await member('big', channel.id), await member('big', channel.id)];
      const before = sink.received.length;
      await post(ana, channel.id, '@all the office is closed tomorrow');
      for (let i = 0; i < 100 && !recorder.events.some((e) => e.event === 'ephemeral_message'); i++) await new Promise((r) => setTimeout(r, 20));
      const posted = recorder.events.find((e) => e.event === 'posted' && String(e.data.post).includes('office is closed'));
      expect(posted).toBeDefined();
      expect(posted?.data.mentions).toBeUndefined();
      const note = JSON.parse(String(recorder.events.find((e) => e.event === 'ephemeral_message')?.data.post)) as Post;
      expect(note.message).toContain('notify nobody in channels of more than 3 members');
      await settle();
      for (const m of members) expect(sink.received.slice(before).flatMap((mail) => mail.to)).not.toContain(m.user.email);
    } finally {
      recorder.stop();
      await patchConfig({ TeamSettings: { MaxNotificationsPerChannel: 1000 } });
    }
  });
});
