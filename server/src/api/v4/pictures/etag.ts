/**
 * True when the request's If-None-Match names the current ETag. Mattermost sends the bare timestamp as the ETag;
 * a client may quote it or mark it weak, and may list several.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const bare = tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    return bare === etag || bare === '*';
  });
}
