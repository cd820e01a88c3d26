import type { CustomEmoji } from '@mattermost/types/emojis';
import type { Post } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';
import { describe, expect, it } from 'vitest';
import { unique } from '../../harness.js';
import { post, usePostSuite } from '../post_fixtures.js';
import { blob, solid } from '../pictures/images.js';

const suite = usePostSuite(1);

describe('custom emoji in posts', () => {
  it('accepts a reaction with a custom emoji and lists the custom emoji a post shows in metadata.emojis', async () => {
    const { owner, members: [member], team } = suite.world;
    const channel = (await owner.client.getChannelByName(team.id, 'town-square'));
    const name = unique('party').toLowerCase();
    const other = unique('wave').toLowerCase();
    const png = blob(await solid(24, 24));
    const emoji = await owner.client.createCustomEmoji({ name, creator_id: owner.user.id } as CustomEmoji, png);
    const reactionOnly = await owner.client.createCustomEmoji({ name: other, creator_id: owner.user.id } as CustomEmoji, png);

    const inText = await post(member, channel.id, `we shipped :${name}: :smile: :${name}: at 10:30:00`);
    const plain = await post(member, channel.id, 'nothing custom here :tada:');
    // The author's answer and the posted event carry them already, so clients draw the emoji without asking.
    expect(inText.metadata.emojis?.map((e) => (e as CustomEmoji).id)).toEqual([emoji.id]);
    const posted = suite.events.find((e) => e.event === 'posted' && (JSON.parse(String(e.data.post)) as Post).id === inText.id);
    expect((JSON.parse(String(posted?.data.post)) as Post).metadata.emojis?.map((e) => (e as CustomEmoji).id)).toEqual([emoji.id]);
    expect(plain.metadata.emojis).toEqual([]);
    await owner.client.addReaction(owner.user.id, plain.id, reactionOnly.name);
    await owner.client.addReaction(owner.user.id, plain.id, 'smile');

    const list = await member.client.getPosts(channel.id, 0, 10);
    expect(list.posts[inText.id].metadata.emojis?.map((e) => (e as CustomEmoji).id)).toEqual([emoji.id]);
    expect(list.posts[plain.id].metadata.emojis?.map((e) => (e as CustomEmoji).id)).toEqual([reactionOnly.id]);
    expect((list.posts[plain.id].metadata.reactions as Reaction[]).map((r) => r.emoji_name).sort()).toEqual([reactionOnly.name, 'smile'].sort());
    const single = await member.client.getPost(inText.id);
    expect(single.metadata.emojis?.[0]).toMatchObject({ id: emoji.id, name, creator_id: owner.user.id });

    await owner.client.deleteCustomEmoji(emoji.id);
    expect((await member.client.getPost(inText.id)).metadata.emojis).toEqual([]);
  });
});

describe('deleting a custom emoji', () => {
  it('removes its reactions, and a post left without any stops saying it has reactions', async () => {
    const { owner, members: [member], team } = suite.world;
    const channel = await owner.client.getChannelByName(team.id, 'town-square');
    const png = blob(await solid(24, 24));
    const doomed = await owner.client.createCustomEmoji({ name: unique('doomed').toLowerCase(), creator_id: owner.user.id } as CustomEmoji, png);
    const onlyCustom = await post(member, channel.id, 'reacted with the custom emoji only');
    const mixed = await post(member, channel.id, 'reacted with both');
    await owner.client.addReaction(owner.user.id, onlyCustom.id, doomed.name);
    await member.client.addReaction(member.user.id, onlyCustom.id, doomed.name);
    await owner.client.addReaction(owner.user.id, mixed.id, doomed.name);
    await owner.client.addReaction(owner.user.id, mixed.id, 'smile');

    await owner.client.deleteCustomEmoji(doomed.id);

    expect(await member.client.getReactionsForPost(onlyCustom.id)).toEqual([]);
    // has_reactions is on the wire, though @mattermost/types leaves it out of Post.
    const left = await member.client.getPost(onlyCustom.id) as Post & { has_reactions: boolean };
    expect(left.has_reactions).toBe(false);
    expect(left.metadata.reactions ?? []).toEqual([]);
    expect((await member.client.getReactionsForPost(mixed.id)).map((r) => r.emoji_name)).toEqual(['smile']);
    expect((await member.client.getPost(mixed.id) as Post & { has_reactions: boolean }).has_reactions).toBe(true);
  });
});
