// The runner port held in memory, for unit tests of the steps' orchestration: inputs and environment in, and a
// record of everything the step said and wrote, with no process. The inputs get action.yml's defaults, as on a runner.
import type { Runner } from '../../src/flow/runner-port.js'
import type { SummaryModel } from '../../src/flow/summary.js'
import { actionDefaults } from '../../runner/run-action.js'

export interface MemoryRunner extends Runner {
  readonly lines: { level: 'info' | 'warning' | 'debug'; text: string }[]
  readonly outputs: Record<string, string>
  readonly saved: Record<string, string>
  readonly masked: string[]
  /** The log groups started, by name. */
  readonly groups: string[]
  readonly summaries: SummaryModel[]
  /** The failure message, when the step failed. */
  failure?: string
  /** Every line as the log shows it, masked values as ***. */
  log(): string
}

export function memoryRunner(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  state: Record<string, string> = {},
): MemoryRunner {
  const given: Record<string, string> = { ...actionDefaults(), ...inputs }
  const runner: MemoryRunner = {
    lines: [],
    outputs: {},
    saved: {},
    masked: [],
    groups: [],
    summaries: [],
    env,
    input: (name) => (given[name] ?? '').trim(),
    booleanInput(name) {
      const text = (given[name] ?? '').trim()
      if (text === '') return undefined
      if (['true', 'True', 'TRUE'].includes(text)) return true
      if (['false', 'False', 'FALSE'].includes(text)) return false
      throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`)
    },
    info: (text) => void runner.lines.push({ level: 'info', text }),
    warning: (text) => void runner.lines.push({ level: 'warning', text }),
    debug: (text) => void runner.lines.push({ level: 'debug', text }),
    startGroup: (name) => void runner.groups.push(name),
    endGroup: () => undefined,
    mask: (secret) => void runner.masked.push(secret),
    masking: true,
    setOutput: (name, value) => void (runner.outputs[name] = value),
    saveState: (name, value) => void (runner.saved[name] = value),
    state: (name) => state[name] ?? '',
    writeSummary: async (model) => void runner.summaries.push(model),
    fail: (message) => void (runner.failure = message),
    githubRepository: async () => {
      const [owner, name] = (env.GITHUB_REPOSITORY ?? '').split('/')
      return owner && name ? { owner, name } : undefined
    },
    log() {
      let text = runner.lines.map((line) => `${line.level}: ${line.text}`).join('\n')
      for (const secret of [...runner.masked].sort((a, b) => b.length - a.length)) text = text.replaceAll(secret, '***')
      return text
    },
  }
  return runner
}
