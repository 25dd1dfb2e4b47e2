// `npm run sample-image`: writes a small image as an OCI image layout (one image tagged v1, and a two-platform image
// index tagged multi) and prints its path, for pushing to the emulator with a registry client such as skopeo.
import { OciLayout } from '../emulator/sample-image.js'

const layout = new OciLayout().addImage('v1').addIndex('multi')
console.log(layout.dir)
