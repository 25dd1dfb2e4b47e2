// The release's rules, as pure functions: the version and tag forms, the major tag a release moves, and the
// changelog section that becomes the release's notes.

export interface Version {
  major: number
  minor: number
  patch: number
  /** "rc.1" in 2.0.0-rc.1; a pre-release never moves a major tag. */
  prerelease?: string
  text: string
}

// Semantic Versioning 2.0.0's own grammar (build metadata left out: a release tag carries none).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$/

/** A version written X.Y.Z (or vX.Y.Z, the tag), or undefined. */
export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text.replace(/^v/, ''))
  if (!match) return undefined
  const [, major, minor, patch, prerelease] = match
  return { major: +major, minor: +minor, patch: +patch, prerelease, text: match[0] }
}

/** The tag of a release: v1.2.0. Release tags never move. */
export const tagOf = (version: Version): string => `v${version.text}`

/** Orders versions as Semantic Versioning does (a pre-release before its release). */
export function compareVersions(a: Version, b: Version): number {
  for (const part of ['major', 'minor', 'patch'] as const) if (a[part] !== b[part]) return a[part] - b[part]
  if (a.prerelease === b.prerelease) return 0
  if (a.prerelease === undefined) return 1
  if (b.prerelease === undefined) return -1
  const [x, y] = [a.prerelease.split('.'), b.prerelease.split('.')]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue
    const [m, n] = [Number(x[i]), Number(y[i])]
    if (Number.isInteger(m) && Number.isInteger(n)) return m - n
    if (Number.isInteger(m)) return -1
    if (Number.isInteger(n)) return 1
    return x[i] < y[i] ? -1 : 1
  }
  return x.length - y.length
}

/**
 * The major tag (v1) to move to this release: only for a release, not a pre-release, and only when no newer
 * release of the same major exists among the tags (a patch to an older minor leaves v1 where it is).
 */
export function majorTagToMove(version: Version, tags: string[]): string | undefined {
  if (version.prerelease !== undefined) return undefined
  const newer = tags
    .map(parseVersion)
    .some(
      (other) =>
        other !== undefined &&
        other.prerelease === undefined &&
        other.major === version.major &&
        compareVersions(other, version) > 0,
    )
  return newer ? undefined : `v${version.major}`
}

/**
 * The body of the changelog's section for the version ("## [1.2.0] - 2026-11-26" in Keep a Changelog's form), up
 * to the next section; undefined when there is none, or it is empty.
 */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const heading = new RegExp(`^## \\[${escaped}\\](?:\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) return undefined
  const rest = lines.slice(start + 1)
  // The section ends at the next heading of its level, or at the link references at the file's end.
  const end = rest.findIndex((line) => /^## /.test(line) || /^\[[^\]]+\]:\s/.test(line))
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
  return body === '' ? undefined : body
}
