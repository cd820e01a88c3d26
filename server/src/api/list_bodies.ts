import type { FastifyReply } from 'fastify';
import type { PostListPage } from '../app/post_lists.js';
import type { UserThreadListPage } from '../app/threads.js';

// Post and thread lists go out as the JSON the app already made of each item while measuring it against the list's
// byte budget, joined here once, instead of objects that Fastify would serialize again (a list can hold megabytes).

function postListJson(list: PostListPage): string {
  const posts: string[] = [];
  for (const [id, json] of list.posts) posts.push(`${JSON.stringify(id)}:${json}`);
  return `{"order":${JSON.stringify(list.order)},"posts":{${posts.join(',')}},"next_post_id":${JSON.stringify(list.next_post_id)},`
    + `"prev_post_id":${JSON.stringify(list.prev_post_id)},"has_next":${list.has_next},"first_inaccessible_post_time":0}`;
}

/** Sends a post list (Mattermost's PostList). */
export function sendPostList(reply: FastifyReply, list: PostListPage): FastifyReply {
  return reply.type('application/json').send(postListJson(list));
}

/** Sends posts already in JSON as a JSON array. */
export function sendPostArray(reply: FastifyReply, posts: readonly string[]): FastifyReply {
  return reply.type('application/json').send(`[${posts.join(',')}]`);
}

/** Sends a page of followed threads (Mattermost's UserThreadList). */
export function sendThreadList(reply: FastifyReply, list: UserThreadListPage): FastifyReply {
  return reply.type('application/json').send(`{"threads":[${list.threads.join(',')}],"total":${list.total},`
    + `"total_unread_threads":${list.total_unread_threads},"total_unread_mentions":${list.total_unread_mentions},`
    + `"total_unread_urgent_mentions":${list.total_unread_urgent_mentions}}`);
}
