// A clock for the services' `now` option that a test moves forward: a deadline is crossed by advancing
// it well past the deadline, never by sleeping up to it, so a slow machine cannot change what a test sees.
// It runs with real time otherwise, so rows a test dates relative to Date.now() keep their meaning.
export type TestClock = { now: () => Date; advance(ms: number): void };

export function createTestClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms) {
      offsetMs += ms;
    },
  };
}
