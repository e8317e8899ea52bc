/**
 * A changed file's diff read once per prompt: its hunks and the surface they change. Each
 * prompt reads every file several times (to rank it, share the room, quote it and write the
 * digest), so what is read is kept with the file.
 */
import { hunksOf, type Hunk } from './diff-lines.js'
import type { ChangedFile } from './pull-request.js'
import { surfaceChanges, type SurfaceChange } from './surface.js'

const hunksRead = new WeakMap<ChangedFile, Hunk[]>()
const surfaceRead = new WeakMap<ChangedFile, SurfaceChange[]>()

export function hunksOfFile(file: ChangedFile): Hunk[] {
  let hunks = hunksRead.get(file)
  if (!hunks) {
    hunks = file.patch ? hunksOf(file.path, file.patch) : []
    hunksRead.set(file, hunks)
  }
  return hunks
}

export function surfaceOfFile(file: ChangedFile): SurfaceChange[] {
  let surface = surfaceRead.get(file)
  if (!surface) {
    surface = surfaceChanges(file.path, hunksOfFile(file))
    surfaceRead.set(file, surface)
  }
  return surface
}
