// A client loaded on its first use: what a run does not call, it never parses (start-up grows with every byte the
// bundle loads). Each method waits for the client, then calls it; the client is loaded once.

type Method = (...args: never[]) => Promise<unknown>

export function loadedOnFirstUse<T extends { [K in keyof T]: Method }>(
  load: () => Promise<T>,
  /** Every method, named once: the compiler checks that none is missing. */
  methods: { [K in keyof T]: true },
): T {
  let loaded: Promise<T> | undefined
  const client = () => (loaded ??= load())
  const call =
    (method: keyof T) =>
    async (...args: unknown[]) =>
      ((await client())[method] as unknown as (...given: unknown[]) => Promise<unknown>)(...args)
  const names = Object.keys(methods) as (keyof T)[]
  return Object.fromEntries(names.map((method) => [method, call(method)])) as unknown as T
}
