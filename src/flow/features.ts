// The repository features, in the order the pipeline runs them and the log, outputs and summary show them. A new
// feature is a module in features/ and one line here; its inputs are declared in the module.
import { INPUT_TABLE, type InputTable } from '../rules/input-table.js'
import type { Feature } from './feature.js'
import { retention } from './features/retention.js'
import { settings } from './features/settings.js'
import { shares } from './features/shares.js'
import { sync } from './features/sync.js'
import { tags } from './features/tags.js'

// Tags first: a release tag that exists refuses the run before any other feature writes.
export const FEATURES: readonly Feature[] = [tags, settings, retention, sync, shares]

/** Every input the action takes: those of the run, and each feature's. */
export const ALL_INPUTS: InputTable = Object.assign({}, INPUT_TABLE, ...FEATURES.map((feature) => feature.inputs))
