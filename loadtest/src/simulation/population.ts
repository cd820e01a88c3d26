import { Random } from './random.js';

// The data shape every run expects, derived from (users, seed) alone, so `init`
// can be re-run to fill in what is missing and `run` knows every user's name
// and password without asking the server.
//
// Two teams, every user in both (so each team's Town Square and Off-Topic hold
// everyone); users/8 other channels per team (at most 1,800, under Mattermost's
// default MaxChannelsPerTeam of 2,000), 70 % with 6-50 members and 30 % with
// 2-5, one in ten private; two direct messages per user.

export const USER_PREFIX = 'lt-user-';
export const DEFAULT_PASSWORD = 'LoadTest-Passw0rd!';
export const TEAM_NAMES = ['lt-team-1', 'lt-team-2'] as const;
/** Leaves room under Mattermost's (and Parley's) default limit of 2,000 channels per team. */
const MAX_CHANNELS_PER_TEAM = 1_800;

export const username = (index: number): string => `${USER_PREFIX}${index}`;

export interface PlannedChannel {
  team: number;
  name: string;
  displayName: string;
  type: 'O' | 'P';
  /** Indices of the member users. */
  members: number[];
  /** How many posts of seeded history the channel gets. */
  historyPosts: number;
}

export interface Population {
  users: number;
  channels: PlannedChannel[];
  /** Pairs of user indices with a direct message channel. */
  directPairs: [number, number][];
}

function distinctSample(random: Random, size: number, of: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(size, of)) chosen.add(random.int(0, of - 1));
  return [...chosen];
}

export function planPopulation(users: number, seed: number): Population {
  const random = new Random(seed);
  const channels: PlannedChannel[] = [];
  const perTeam = Math.min(MAX_CHANNELS_PER_TEAM, Math.max(1, Math.ceil(users / 8)));
  for (let team = 0; team < TEAM_NAMES.length; team++) {
    for (let j = 0; j < perTeam; j++) {
      const small = random.chance(0.3);
      const size = small ? random.int(2, 5) : random.int(6, 50);
      channels.push({
        team, name: `lt-${team + 1}-channel-${j}`, displayName: `Load test ${team + 1}/${j}`,
        type: j % 10 === 9 ? 'P' : 'O', members: distinctSample(random, size, users), historyPosts: random.int(20, 50),
      });
    }
  }
  const directPairs: [number, number][] = [];
  if (users > 1) {
    // Neighbours and a far partner: every user ends up in about four DMs, none repeated.
    const far = Math.max(2, Math.floor(users / 2));
    for (let i = 0; i < users; i++) {
      directPairs.push([i, (i + 1) % users]);
      if (users > 4 && i < (i + far) % users) directPairs.push([i, (i + far) % users]);
    }
  }
  return { users, channels, directPairs: dedupePairs(directPairs) };
}

function dedupePairs(pairs: [number, number][]): [number, number][] {
  const seen = new Set<string>();
  return pairs.filter(([a, b]) => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
