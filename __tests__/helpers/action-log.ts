// Reading a run's log the way the runner presents it.
import { type ActionRun, maskedIn, shownLog, withoutMaskCommands } from '../../runner/run-action.js'

/** The messages of one workflow command (error, warning, debug, ...), unescaped as the runner shows them. */
export function commandMessages(result: ActionRun, command: string): string[] {
  const prefix = `::${command}::`
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}

/** The failure message the runner shows. */
export function errorOf(result: ActionRun): string {
  return commandMessages(result, 'error').join('\n')
}

/** What a log reader sees: the runner consumes ::add-mask:: commands and never shows them. */
export function visibleLog(result: ActionRun): string {
  return `${withoutMaskCommands(result.stdout)}\n${result.stderr}`
}

/** The log as a viewer sees it: the masks the run asked for applied. */
export function viewerLog(result: ActionRun): string {
  return `${shownLog(result.stdout)}\n${result.stderr}`
}

/** Every command the run printed is one the action means to print, and it masked only the values allowed. */
export function expectOnlyOwnCommands(result: ActionRun, maskable: string[]): void {
  for (const line of result.stdout.split(/\r?\n/)) {
    expect(line).not.toContain('##[')
    if (line.trimStart().startsWith('::')) {
      expect(line).toMatch(/^::(add-mask|debug|error|warning|notice|group|endgroup)::/)
    }
  }
  for (const value of maskedValues(result)) expect(maskable).toContain(value)
}

/** Fails when a secret shows in the visible log, the outputs or the job summary. */
export function expectNoSecretShown(result: ActionRun, secrets: string[]): void {
  const log = visibleLog(result)
  const outputs = JSON.stringify(result.outputs)
  for (const secret of secrets) {
    expect(log).not.toContain(secret)
    expect(outputs).not.toContain(secret)
    expect(result.summary).not.toContain(secret)
  }
}

/** A run ends in success, or in one clear error: never a crash, a hang, or a stack trace for the user. */
export function expectCleanEnding(result: ActionRun): void {
  expect([0, 1]).toContain(result.exitCode)
  expect(result.stderr).toBe('')
  expect(result.stdout).not.toMatch(/^\s+at /m)
  expect(commandMessages(result, 'error')).toHaveLength(result.exitCode === 0 ? 0 : 1)
}

/** The values the run asked the runner to mask. */
export function maskedValues(result: ActionRun): string[] {
  return maskedIn(result.stdout)
}

/** Server text as the action may show it: one line, no control characters, bounded, no workflow command in it. */
export function expectSafeText(text: string): void {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
  expect(text.trimStart().startsWith('::')).toBe(false)
  expect(text).not.toContain('##[')
  expect(text.length).toBeLessThan(400)
}
