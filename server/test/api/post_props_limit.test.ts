import { beforeAll, describe, expect, it } from 'vitest';
import { POST_PROPS_MAX_USER_RUNES } from '../../src/app/posts.js';
import { raw } from '../harness.js';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

// Mattermost's PostPropsMaxUserRunes: what a user may put in a post's props, counted in code points of the props'
// JSON, on create and on every kind of edit.

const PROPS_ERROR = 'model.post.is_valid.props.app_error';
/** Characters outside the BMP: one code point each, two UTF-16 units, so a count in units would refuse the limit. */
const ASTRAL = '😀'.repeat(500);

/** Props whose JSON is exactly `codePoints` code points long. */
function propsOf(codePoints: number): Record<string, string> {
  const frame = '{"blob":""}'.length + ASTRAL.length / 2;
  return { blob: ASTRAL + 'x'.repeat(codePoints - frame) };
}

const suite = usePostSuite(0);
let channelId: string;

beforeAll(async () => {
  channelId = (await channelWith(suite.world.owner, suite.world.team.id, [])).id;
});

describe('post props limit', () => {
  it('sizes its fixtures in code points', () => {
    expect([...JSON.stringify(propsOf(POST_PROPS_MAX_USER_RUNES))].length).toBe(POST_PROPS_MAX_USER_RUNES);
    expect(JSON.stringify(propsOf(POST_PROPS_MAX_USER_RUNES)).length).toBeGreaterThan(POST_PROPS_MAX_USER_RUNES);
  });

  it('accepts props at the limit and refuses one code point more on create', async () => {
    const { token } = suite.world.owner;
    const atLimit = await raw(suite.server, 'POST', '/posts', { token, body: { channel_id: channelId, message: 'at', props: propsOf(POST_PROPS_MAX_USER_RUNES) } });
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.props.blob).toBe(propsOf(POST_PROPS_MAX_USER_RUNES).blob);
    const over = await raw(suite.server, 'POST', '/posts', { token, body: { channel_id: channelId, message: 'over', props: propsOf(POST_PROPS_MAX_USER_RUNES + 1) } });
    expect(over.status).toBe(400);
    expect(over.body.id).toBe(PROPS_ERROR);
  });

  it('applies the limit to patch and to update, keeping the post as it was when refused', async () => {
    const { owner } = suite.world;
    const created = await post(owner, channelId, 'to edit');
    for (const [method, path, extra] of [['PUT', `/posts/${created.id}/patch`, {}], ['PUT', `/posts/${created.id}`, { id: created.id, message: 'edited' }]] as const) {
      const over = await raw(suite.server, method, path, { token: owner.token, body: { ...extra, props: propsOf(POST_PROPS_MAX_USER_RUNES + 1) } });
      expect(over.status).toBe(400);
      expect(over.body.id).toBe(PROPS_ERROR);
      expect((await owner.client.getPost(created.id)).props).toEqual({});
    }
    const atLimit = await raw(suite.server, 'PUT', `/posts/${created.id}/patch`, { token: owner.token, body: { props: propsOf(POST_PROPS_MAX_USER_RUNES) } });
    expect(atLimit.status).toBe(200);
    expect((await owner.client.getPost(created.id)).props.blob).toBe(propsOf(POST_PROPS_MAX_USER_RUNES).blob);
  });
});
