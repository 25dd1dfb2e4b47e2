// action.yml as the runner and the Marketplace read it: Node 24, the files it runs, and the Marketplace's rules.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../runner/run-action.js'
import { BRANDING_COLORS, BRANDING_ICONS } from './helpers/marketplace.js'

const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
  name?: string
  description?: string
  branding?: { icon?: string; color?: string }
  runs: { using: string; main: string; post?: string; 'post-if'?: string }
}

it('runs on node24', () => {
  expect(metadata.runs.using).toBe('node24')
})

it.each(['main', 'post'] as const)('its %s script exists', (step) => {
  const file = metadata.runs[step]
  expect(file).toMatch(/^dist\//)
  expect(existsSync(join(PROJECT_ROOT, file as string))).toBe(true)
})

it('runs its post step even when the job failed (the default, not overridden)', () => {
  expect(metadata.runs['post-if'] ?? 'always()').toBe('always()')
})

it('has a name, and a description under 125 characters', () => {
  expect(metadata.name?.trim()).toMatch(/\S/)
  expect(metadata.description?.trim()).toMatch(/\S/)
  expect((metadata.description ?? '').length).toBeLessThan(125)
})

it("uses an icon and a color from GitHub's branding lists", () => {
  expect(BRANDING_ICONS).toContain(metadata.branding?.icon)
  expect(BRANDING_COLORS).toContain(metadata.branding?.color)
})
