// The throttle gate on a clock of the test's own: a throttled answer pauses every request and spaces the next ones;
// answers that come through narrow the spacing again.
import { ThrottleGate } from '../src/clients/throttle.js'

function clock() {
  let now = 0
  const slept: number[] = []
  const gate = new ThrottleGate(
    () => now,
    async (ms) => {
      slept.push(ms)
      now += ms
    },
  )
  return { gate, slept, advance: (ms: number) => void (now += ms) }
}

it('lets requests through at once until an answer is throttled', async () => {
  const { gate, slept } = clock()
  await gate.turn()
  await gate.turn()
  expect(slept).toEqual([])
  expect(gate.spacing).toBe(0)
})

it('pauses every request after a throttled answer, then spaces them, wider at each further throttling', async () => {
  const { gate, slept } = clock()
  gate.throttled(1000)
  await gate.turn()
  await gate.turn()
  expect(slept).toEqual([1000, 20])
  gate.throttled(0)
  expect(gate.spacing).toBe(40)
})

it('narrows the spacing after 20 answers through, to none', () => {
  const { gate } = clock()
  gate.throttled(0)
  gate.throttled(0)
  expect(gate.spacing).toBe(40)
  for (let i = 0; i < 20; i++) gate.passed()
  expect(gate.spacing).toBe(20)
  for (let i = 0; i < 20; i++) gate.passed()
  expect(gate.spacing).toBe(0)
})

it('never spaces requests more than 2 s apart', () => {
  const { gate } = clock()
  for (let i = 0; i < 20; i++) gate.throttled(0)
  expect(gate.spacing).toBe(2000)
})
