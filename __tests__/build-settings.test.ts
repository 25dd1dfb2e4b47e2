// What the build before the push must make, by target: the outputs docker/build-push-action takes as they are.
import { actionOutputs } from '../src/flow/outputs.js'
import { buildSettings, buildSettingsLine } from '../src/rules/build-settings.js'
import { sharedContext } from './helpers/ensure-request.js'

const result = { namespace: 'exists' as const, results: [] }

describe('build settings', () => {
  it("for SWR's shared edition: Docker media types, no provenance, no SBOM", () => {
    expect(actionOutputs(result, sharedContext)).toMatchObject({
      build_outputs: 'type=image,push=true,oci-mediatypes=false',
      provenance: 'false',
      sbom: 'false',
      media_types: 'docker',
    })
  })

  it("for an Enterprise Edition instance: BuildKit's defaults", () => {
    const outputs = actionOutputs(result, { ...sharedContext, build: buildSettings('instance') })
    expect(outputs).toMatchObject({
      build_outputs: 'type=image,push=true',
      provenance: '',
      sbom: '',
      media_types: 'oci',
    })
  })

  it('say in one line which form the target takes, and why', () => {
    expect(buildSettingsLine(buildSettings('shared'))).toBe(
      'Build settings: Docker media types, no attestations (build_outputs=type=image,push=true,oci-mediatypes=false, ' +
        "provenance=false, sbom=false): SWR's shared edition refuses OCI images, and attestations make the build an OCI " +
        'index.',
    )
    expect(buildSettingsLine(buildSettings('instance'))).toBe(
      "Build settings: BuildKit's defaults (build_outputs=type=image,push=true): an Enterprise Edition instance takes " +
        'OCI and Docker images alike.',
    )
  })
})
