// Photos are downscaled on the phone before storing: a 12-megapixel camera shot becomes ~200 kB.

export const MAX_PHOTO_EDGE = 1600
export const PHOTO_QUALITY = 0.8
export const MAX_PHOTO_INPUT_BYTES = 40 * 1024 * 1024

export interface DownscaledPhoto {
  blob: Blob
  width: number
  height: number
}

/** Fit (width, height) inside a square of `maxEdge`, keeping the aspect ratio; never upscale. */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

export async function downscalePhoto(file: Blob, maxEdge = MAX_PHOTO_EDGE): Promise<DownscaledPhoto> {
  if (!file.type.startsWith('image/')) throw new Error('请选择图片文件')
  if (file.size > MAX_PHOTO_INPUT_BYTES) throw new Error('图片太大（超过40MB），请换一张')
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new Error('无法读取这张图片，请换一张')
  }
  const size = fitWithin(bitmap.width, bitmap.height, maxEdge)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('无法处理图片')
  context.drawImage(bitmap, 0, 0, size.width, size.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY))
  if (!blob) throw new Error('无法处理图片')
  return { blob, ...size }
}
