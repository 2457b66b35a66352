/**
 * Erlang C for M/M/c queues: the chance that an arriving customer has to wait.
 * Computed through the Erlang B recursion, which is numerically stable for the
 * hundreds of servers a busy corridor can ask for (the textbook factorial form
 * overflows long before that).
 */

/** Erlang B blocking probability for c servers and offered load a (erlangs), c >= 0. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C waiting probability for c servers and offered load a; 1 when c <= a (unstable queue). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/**
 * Smallest whole c >= minServers with c > a and ErlangC(c, a) <= maxWait
 * (SPEC section 2, with a = λ/μ). Walks c upward carrying Erlang B along, so the
 * cost is O(c) however large the load.
 */
export function serversNeeded(a: number, minServers: number, maxWait: number): number {
  if (a <= 0) return minServers;
  let b = 1;
  let c = 0;
  for (;;) {
    c += 1;
    b = (a * b) / (c + a * b);
    if (c < minServers || c <= a) continue;
    const wait = (c * b) / (c - a * (1 - b));
    // A hair of tolerance so a load that meets the target exactly on paper is not
    // tipped over it by rounding.
    if (wait <= maxWait + 1e-12) return c;
  }
}
