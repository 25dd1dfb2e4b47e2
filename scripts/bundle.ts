// `npm run bundle`: the main and post steps into dist/ and dist/post/, each one file with its dependencies and its
// lazily loaded chunks, as CommonJS. ncc's command line would write ES modules for a package of "type": "module";
// as one, the bundle starts about 2 ms later (the ES module loader, node:module for createRequire and a require
// function per built-in module), so ncc's API is called here with esm: false.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ncc from '@vercel/ncc'

const ENTRIES = [
  ['src/index.ts', 'dist'],
  ['src/post.ts', 'dist/post'],
]

rmSync('dist', { recursive: true, force: true })
for (const [entry, out] of ENTRIES) {
  const built = await ncc(resolve(entry), {
    esm: false,
    minify: true,
    target: 'es2024',
    license: 'licenses.txt',
    quiet: true,
  }).catch((error: unknown) => {
    // ncc's error carries its own minified source: the message is what says what is wrong.
    console.error(`Bundling ${entry} failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
  const { code, assets } = built
  const files: Record<string, string | Buffer> = {
    'index.js': code,
    // The project's package.json says "type": "module"; this one says the bundle is CommonJS.
    'package.json': '{ "type": "commonjs" }\n',
    ...Object.fromEntries(Object.entries(assets).map(([name, asset]) => [name, asset.source])),
  }
  for (const [name, content] of Object.entries(files)) {
    const path = join(out, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  console.log(`${out}: ${Object.keys(files).sort().join(', ')}`)
}
