// The repository features, in the order the pipeline runs them and the log, outputs and summary show them. A new
// feature is a module in features/ and one line here.
import type { Feature } from './feature.js'
import { retention } from './features/retention.js'
import { settings } from './features/settings.js'
import { shares } from './features/shares.js'
import { sync } from './features/sync.js'

export const FEATURES: readonly Feature[] = [settings, retention, sync, shares]
