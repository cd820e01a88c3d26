import { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startServer, type RunningServer } from '../e2e/server';
import { launchBrowser, newUserContext, type TestBrowser } from '../e2e/browser';

/**
 * Web client timings in Chromium against a seeded real server:
 * - switching to a channel that is already loaded (navigation → first frame with its posts),
 * - scrolling up through a long channel (frame times while history pages load).
 * Prints figures; asserts nothing about speed (benchmarks measure, tests check behaviour).
 */
// Seeding goes through the REST API (~80 posts/s here); PARLEY_BENCH_POSTS=100000 for the full-size run.
const BIG_CHANNEL_POSTS = Number(process.env.PARLEY_BENCH_POSTS ?? 20_000);
const SMALL_CHANNELS = 8;
const SWITCHES = 40;

let server: RunningServer;
let chrome: TestBrowser;
const password = 'bench-password-1';

async function pool<T>(items: T[], width: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

let team: Team;
let channelNames: string[] = [];
let bigChannel = '';

let webCopy = '';

beforeAll(async () => {
  // A private copy of the build, so rebuilding web/dist during a long run cannot pull assets from under it.
  webCopy = mkdtempSync(path.join(tmpdir(), 'parley-bench-web-'));
  cpSync(path.join(repoRoot, 'web/dist'), webCopy, { recursive: true });
  server = await startServer({ webDir: webCopy });
  const client = new Client4();
  client.setUrl(server.url);
  client.setIncludeCookies(false);
  await client.createUser({ email: 'bench@example.com', username: 'bench', password } as UserProfile, '', '');
  await client.login('bench', password);
  team = await client.createTeam({ name: 'bench', display_name: 'Bench', type: 'O' } as Team);
  const channels = [];
  for (let i = 0; i < SMALL_CHANNELS; i++) {
    channels.push(await client.createChannel({ team_id: team.id, name: `room-${i}`, display_name: `Room ${i}`, type: 'O' } as never));
  }
  channelNames = channels.map((c) => c.name);
  const started = Date.now();
  await pool(channels.flatMap((c) => Array.from({ length: 80 }, (_, i) => ({ c, i }))), 16, ({ c, i }) =>
    client.createPost({ channel_id: c.id, message: `Message ${i} in **${c.display_name}** with some \`code\` and a [link](https://example.com/${i})` } as Post));
  const big = await client.createChannel({ team_id: team.id, name: 'history', display_name: 'History', type: 'O' } as never);
  bigChannel = big.name;
  await pool(Array.from({ length: BIG_CHANNEL_POSTS }, (_, i) => i), 24, (i) =>
    client.createPost({ channel_id: big.id, message: `History line ${i}: ${i % 7 === 0 ? 'a longer message that wraps onto a second line in the list so rows have different heights, which is what virtualisation must cope with' : 'short'}` } as Post));
  console.log(`seeded ${SMALL_CHANNELS} channels x 80 posts and one channel of ${BIG_CHANNEL_POSTS} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  chrome = await launchBrowser();
}, 30 * 60_000);

afterAll(async () => {
  await chrome?.close();
  await server?.stop();
  if (webCopy) rmSync(webCopy, { recursive: true, force: true });
});

it('channel switch and long-history scrolling', async () => {
  const { page } = await newUserContext(chrome.browser, server.url);
  await page.goto('/login');
  await page.getByLabel('Email or username').fill('bench');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/bench/channels/town-square').catch(async (err: unknown) => {
    await page.screenshot({ path: '/tmp/bench-login.png' });
    throw err;
  });

  const open = async (name: string): Promise<void> => {
    await page.locator(`.sidebar-item[data-channel-name="${name}"]`).click();
    await page.waitForFunction((n) => document.querySelector('.sidebar-item.active')?.getAttribute('data-channel-name') === n && document.querySelector('.post-list article.post'), name);
  };
  for (const name of channelNames) await open(name);
  const clear = () => page.evaluate(() => performance.clearMeasures());
  await clear();
  for (let i = 0; i < SWITCHES; i++) {
    await open(channelNames[i % channelNames.length]);
    await page.waitForFunction((count) => performance.getEntriesByName('parley:channel-switch').length >= count, i + 1);
  }
  const switches = await page.evaluate(() => performance.getEntriesByName('parley:channel-switch').map((e) => e.duration));
  const commits = await page.evaluate(() => performance.getEntriesByName('parley:channel-switch-commit').map((e) => e.duration));
  const s = stats(switches);
  const c = stats(commits);
  console.log(`web channel switch (already loaded, ${switches.length} switches) to next frame: median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (budget 50 ms)`);
  console.log(`web channel switch, script until React commit: median ${ms(c.median)}, p95 ${ms(c.p95)}, max ${ms(c.max)}`);

  await open(bigChannel);
  const box = await page.locator('.post-scroller').boundingBox();
  if (!box) throw new Error('no post list');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[] };
    w.frames_ = [];
    let last = performance.now();
    const tick = (now: number) => {
      w.frames_.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const scrollMs = 8000;
  const until = Date.now() + scrollMs;
  // One wheel notch (120 px) per frame: a fast but human scroll (~7000 px/s) up through history.
  while (Date.now() < until) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => (window as unknown as { frames_: number[] }).frames_.slice(1));
  const loaded = await page.evaluate(() => document.querySelectorAll('.post-list article.post').length);
  const oldestVisible = await page.locator('.post-list article.post .post-message').first().textContent();
  const f = stats(frames);
  const slow = frames.filter((d) => d > 50).length;
  console.log(
    `web scroll through ${BIG_CHANNEL_POSTS}-post channel for ${scrollMs / 1000} s: ${frames.length} frames, median ${ms(f.median)}, p95 ${ms(f.p95)}, max ${ms(f.max)}, ` +
      `${slow} frames over 50 ms; ${loaded} rows mounted (virtualised); reached "${(oldestVisible ?? '').slice(0, 40)}"`,
  );
}, 10 * 60_000);
