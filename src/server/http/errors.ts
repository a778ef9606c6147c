// One error shape for every failure: { error: { code, message } }, message in Chinese.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, code = 'invalid_request') => new ApiError(400, code, message)
export const unauthenticated = (message = '请先登录', code = 'unauthenticated') => new ApiError(401, code, message)
export const forbidden = (message = '没有权限', code = 'forbidden') => new ApiError(403, code, message)
export const notFound = (message = '未找到', code = 'not_found') => new ApiError(404, code, message)
export const conflict = (message: string, code = 'conflict') => new ApiError(409, code, message)
export const tooMany = (message = '尝试次数过多，请稍后再试', code = 'rate_limited') => new ApiError(429, code, message)

export function errorResponse(c: Context, err: ApiError) {
  return c.json({ error: { code: err.code, message: err.message } }, err.status)
}
