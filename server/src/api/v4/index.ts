import type { RouteModule } from '../context.js';
import { systemRoutes } from './system.js';
import { teamRoutes } from './teams.js';
import { userRoutes } from './users.js';
import { channelDirectoryRoutes } from './channel_directory.js';
import { channelRoutes } from './channels.js';
import { categoryRoutes } from './categories.js';
import { preferenceRoutes } from './preferences.js';
import { postRoutes } from './posts.js';
import { reactionRoutes } from './reactions.js';
import { threadRoutes } from './threads.js';

/** Every /api/v4 resource, one module per resource. */
export const v4Routes: RouteModule[] = [systemRoutes, userRoutes, teamRoutes, channelRoutes, channelDirectoryRoutes, categoryRoutes, preferenceRoutes, postRoutes, reactionRoutes, threadRoutes];
