// Why photos wait on this phone for now (the server's photo space or disk is full); undefined when nothing does.
// Its own module: the sync card reads it without loading the photo-upload code.
import { readMeta } from './meta'
import { META_KEYS } from './metaKeys'

export async function readPhotoUploadProblem(): Promise<string | undefined> {
  return readMeta<string>(META_KEYS.photoUploadProblem)
}
