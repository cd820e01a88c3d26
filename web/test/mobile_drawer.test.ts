import { describe, expect, it } from 'vitest';
import { choseDestination } from '../src/features/layout/drawer';

describe('the sidebar drawer closes when a destination is chosen', () => {
  it('closes for another channel, a DM or Threads in the same team', () => {
    expect(choseDestination('/acme/channels/town-square', '/acme/channels/off-topic')).toBe(true);
    expect(choseDestination('/acme/channels/town-square', '/acme/messages/@ben')).toBe(true);
    expect(choseDestination('/acme/channels/town-square', '/acme/threads')).toBe(true);
  });

  it('stays open while switching team, including the redirect to the new team’s channel', () => {
    expect(choseDestination('/acme/channels/town-square', '/beta')).toBe(false);
    expect(choseDestination('/beta', '/beta/channels/town-square')).toBe(false);
  });

  it('stays open when nothing changed', () => {
    expect(choseDestination('/acme/channels/town-square', '/acme/channels/town-square')).toBe(false);
  });
});
