// How long a spec waits for a state the network must reach first (a person looked up, a visit
// pre-settled, settled, cancelled). Settled online, each takes several network calls in turn, and
// a loaded 2-core machine runs them slowly: the 10 s default of expect() is not enough there.
// Specs wait for the state with this timeout, never sleep.
export const NET = { timeout: 30_000 };
