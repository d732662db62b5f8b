/**
 * How long a thread of the Node bridge keeps polling for the other thread's next message before it sleeps.
 *
 * A sleeping thread is slow to wake: on the 2-vCPU machines of issue 14, a worker asleep in Atomics.wait and a host
 * asleep in its event loop each took some 50-70 µs to come back, and the host's own call ran slower after sleeping
 * than in a loop that kept it busy. When the answers come quickly (the in-process emulator, lua_read_doc, an
 * argument error), polling a little longer than the last wait took meets the next answer awake. When they come
 * slowly (Stripe over the network, tens of milliseconds), the last wait is over the cap and the thread sleeps at
 * once, so a script waiting on the network burns nothing. The window adapts to each wait as it ends.
 */

/** The longest a thread polls before sleeping, in µs: about one fast emulator call and its hand-offs. */
export const SPIN_CAP_US = 1000;

export interface SpinWindow {
  /**
   * How long to poll, in µs, before sleeping on the next wait. `workedUs` is how long this thread took over what it
   * just sent (the host's call behind a reply): work over the cap means the exchange is not a quick one, and the
   * wake-up polling would save is a sliver of it.
   */
  budget(workedUs?: number): number;
  /** The wait just ended took this long, in µs (polling and sleeping together). */
  waited(us: number): void;
}

/**
 * The policy: poll for twice the last wait when that was within the cap (a wait a little longer than the last
 * one is still met awake), and not at all after a wait over it or work over it. The first wait polls for the whole cap.
 */
export function spinWindow(capUs: number = SPIN_CAP_US): SpinWindow {
  let last = capUs / 2;
  return {
    budget: (workedUs = 0) => (last <= capUs && workedUs <= capUs ? Math.min(capUs, 2 * last) : 0),
    waited: (us) => {
      last = us;
    },
  };
}
