// The part of @vercel/ncc's API that scripts/bundle.ts uses (the package ships no types).
declare module '@vercel/ncc' {
  interface Options {
    esm?: boolean
    minify?: boolean
    target?: string
    license?: string
    quiet?: boolean
  }
  interface Output {
    code: string
    assets: Record<string, { source: string | Buffer; permissions?: number }>
  }
  export default function ncc(entry: string, options?: Options): Promise<Output>
}
