import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { ApiError } from '../http/errors'

export function checkProtocolVersion(version: number): void {
  if (version < MIN_PROTOCOL_VERSION) {
    throw new ApiError(426, 'protocol_too_old', '应用版本过旧，请刷新页面更新后再同步')
  }
  if (version > PROTOCOL_VERSION) {
    throw new ApiError(409, 'protocol_too_new', '服务器版本较旧，暂时无法同步，请稍后再试')
  }
}
