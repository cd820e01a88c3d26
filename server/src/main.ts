import { serve } from './serve.js';

// Process entry for `node dist/main.js` (npm start, the spawned-server tests); the `parley` command (cli/main.ts)
// starts the same way.
serve();
