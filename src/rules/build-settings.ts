// What the build before the push must produce for the target to take it (docs/api-notes.md, "Pushing images"):
// SWR's shared edition refuses OCI images, so Docker media types and no attestations (which force an OCI index);
// an Enterprise Edition instance takes both, so BuildKit's own defaults. Given as outputs that
// docker/build-push-action takes as they are.

export interface BuildSettings {
  /** The manifests the target takes: docker (schema 2 and manifest lists only), or oci (either). */
  mediaTypes: 'docker' | 'oci'
  /** For build-push-action's `outputs`: the image exporter, pushed, with the media types set where they must be. */
  outputs: string
  /** For build-push-action's `provenance` and `sbom`: "false", or "" for the builder's default. */
  provenance: string
  sbom: string
  /** Why, in words, for the log and the summary. */
  why: string
}

const SHARED: BuildSettings = {
  mediaTypes: 'docker',
  outputs: 'type=image,push=true,oci-mediatypes=false',
  provenance: 'false',
  sbom: 'false',
  why: "SWR's shared edition refuses OCI images, and attestations make the build an OCI index",
}

const INSTANCE: BuildSettings = {
  mediaTypes: 'oci',
  outputs: 'type=image,push=true',
  provenance: '',
  sbom: '',
  why: 'an Enterprise Edition instance takes OCI and Docker images alike',
}

/** For the shared edition, or an Enterprise Edition instance. */
export const buildSettings = (edition: 'shared' | 'instance'): BuildSettings =>
  edition === 'instance' ? INSTANCE : SHARED

/** The one log line: which form the target takes, and why. */
export function buildSettingsLine(settings: BuildSettings): string {
  const shown = [`build_outputs=${settings.outputs}`]
  if (settings.provenance) shown.push(`provenance=${settings.provenance}`)
  if (settings.sbom) shown.push(`sbom=${settings.sbom}`)
  const form = settings.mediaTypes === 'docker' ? 'Docker media types, no attestations' : "BuildKit's defaults"
  return `Build settings: ${form} (${shown.join(', ')}): ${settings.why}.`
}
