/** Milliseconds since the epoch, the unit of every timestamp in the API. */
export const now = (): number => Date.now();
