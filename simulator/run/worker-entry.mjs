// Entry of a sweep worker thread: registers tsx (as bin/ctb.js does for the main thread), then
// loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
