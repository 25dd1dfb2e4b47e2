// What the client learns from throttling, shared by every request of the run: SWR throttles an account (403
// SVCSTG.SWR.4031042) and its gateway a caller (429 APIG.0308), per second (docs/api-notes.md, "Throttling"). One
// throttled answer pauses every request for as long as the answer says (or the backoff would), then spaces the next
// requests out; answers that come through narrow the spacing again. A large first run so slows itself to the rate
// the account is allowed, instead of each request spending its own tries against the limit.

/** The spacing after a first throttled answer, doubled at each further one, and its ceiling. */
const FIRST_SPACING_MS = 20
const MAX_SPACING_MS = 2000
/** Answers through before the spacing is halved again. */
const EASE_AFTER = 20

export class ThrottleGate {
  private pausedUntil = 0
  private spacingMs = 0
  private nextStart = 0
  private through = 0

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for the pause, and for this request's turn in the spacing. */
  async turn(): Promise<void> {
    const start = Math.max(this.now(), this.pausedUntil, this.nextStart)
    this.nextStart = start + this.spacingMs
    const wait = start - this.now()
    if (wait > 0) await this.sleep(wait)
  }

  /** A throttled answer: every request pauses for `pauseMs`, and later ones are spaced further apart. */
  throttled(pauseMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + pauseMs)
    this.spacingMs = Math.min(MAX_SPACING_MS, this.spacingMs === 0 ? FIRST_SPACING_MS : this.spacingMs * 2)
    this.through = 0
  }

  /** An answer that came through: after enough of them, the spacing narrows. */
  passed(): void {
    if (this.spacingMs === 0 || ++this.through < EASE_AFTER) return
    this.spacingMs = this.spacingMs <= FIRST_SPACING_MS ? 0 : this.spacingMs / 2
    this.through = 0
  }

  /** The spacing now, for the log and the tests. */
  get spacing(): number {
    return this.spacingMs
  }
}
