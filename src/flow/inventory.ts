// An organization's inventory, read once instead of one read per repository when a step names several of them
// (docs/api-notes.md, "Inventory"): the first repository is still read on its own, so the step's flat outputs are
// its full brief info, and every other takes its info from the list. The list also says which repositories exist
// but are declared in no step, and prune_undeclared removes those that hold no image (with prune_with_images, the
// others too), only after every declared repository was ensured.
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import { refusesAccess } from '../clients/request-error.js'
import type { Edition } from './edition.js'

/**
 * From this many repositories in one step, the inventory is read. Up to 4 separate reads fly side by side (the
 * client's bound), each on a connection of its own opened at the start; from 5 they take a second round, while the
 * list and the first repository's own read stay one round of 2 requests. Measured (bench/RESULTS.md, 100 ms): three
 * repositories' first run took 670 ms with separate reads and 918 ms with the list (a connection opened later for
 * the third create), 10 repositories' steady state 399 ms with the list.
 */
export const INVENTORY_THRESHOLD = 5

export interface PruneWish {
  undeclared: boolean
  withImages: boolean
}

export interface UndeclaredRepository {
  name: string
  images: number
  /** kept: not pruned; held-images: kept, it holds images and prune_with_images is false; deleted (would be). */
  action: 'kept' | 'held-images' | 'deleted' | 'already-gone'
}

export interface Inventory {
  /** By name; undefined when the inventory could not be read and each repository is read on its own. */
  byName?: Map<string, RepositoryInfo>
}

/** Whether the step reads the inventory: several repositories, or pruning (which needs it). */
export const wantsInventory = (edition: Edition, count: number, prune: PruneWish): boolean =>
  edition.readInventory !== undefined && (count >= INVENTORY_THRESHOLD || prune.undeclared)

/**
 * The inventory, once. A refusal of the list (an IAM policy without swr:repo:listRepos) falls back to one read per
 * repository, unless pruning needs it; an organization of more than 10,000 repositories too.
 */
export async function readInventory(edition: Edition, prune: PruneWish): Promise<Inventory> {
  try {
    const listed = await edition.readInventory?.()
    if (!listed) {
      if (prune.undeclared)
        throw new Error('The organization holds more than 10,000 repositories: prune_undeclared reads no more.')
      return {}
    }
    return { byName: new Map(listed.map((info) => [info.name, info])) }
  } catch (error) {
    if (!prune.undeclared && refusesAccess(error)) return {}
    throw error
  }
}

/** The repositories that exist and are not declared in the step, and what pruning does (or would do) with them. */
export async function pruneUndeclared(
  edition: Edition,
  inventory: Inventory,
  declared: string[],
  prune: PruneWish,
  dryRun: boolean,
): Promise<UndeclaredRepository[] | undefined> {
  if (!inventory.byName) return undefined
  const undeclared = [...inventory.byName.values()].filter((info) => !declared.includes(info.name))
  const results: UndeclaredRepository[] = []
  for (const info of undeclared.sort((a, b) => a.name.localeCompare(b.name))) {
    const images = info.num_images ?? 0
    if (!prune.undeclared) results.push({ name: info.name, images, action: 'kept' })
    else if (images > 0 && !prune.withImages) results.push({ name: info.name, images, action: 'held-images' })
    else if (dryRun) results.push({ name: info.name, images, action: 'deleted' })
    else {
      const done = await edition.deleteRepository?.(info.name)
      results.push({ name: info.name, images, action: done === 'already-gone' ? 'already-gone' : 'deleted' })
    }
  }
  return results
}

/** One undeclared repository as the log shows it: "old-web (0 images; deleted)". */
export const describeUndeclared = (entry: UndeclaredRepository, dryRun: boolean): string =>
  `${entry.name} (${undeclaredState(entry, dryRun)})`

/** What an undeclared repository holds and what became of it, as the summary shows it. */
export function undeclaredState({ images, action }: UndeclaredRepository, dryRun: boolean): string {
  const held = `${images} image${images === 1 ? '' : 's'}`
  const what = {
    kept: 'left',
    'held-images': 'left: it holds images, and prune_with_images is false',
    deleted: dryRun ? 'would be deleted' : 'deleted',
    'already-gone': 'already gone',
  }[action]
  return `${held}; ${what}`
}
