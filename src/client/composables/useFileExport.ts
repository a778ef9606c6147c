// One file export from a button: what is being made (busy), the line saying where the file went, or the error.
// `kind` tells several buttons of one panel apart; a single button uses the default.
import { ref } from 'vue'
import { exportErrorMessage } from '@client/report/exportReport'

export function useFileExport<K extends string = 'file'>() {
  const busy = ref<K | null>(null)
  const message = ref('')
  const error = ref('')

  /** Run `makeFile` (it returns the file's name); `label` names the action in an error ("导出会议记录失败…"). */
  async function run(label: string, makeFile: () => Promise<string>, kind = 'file' as K): Promise<void> {
    busy.value = kind
    message.value = ''
    error.value = ''
    try {
      const name = await makeFile()
      message.value = `已生成“${name}”，请在手机的“下载”或“文件”里查看。`
    } catch (e) {
      error.value = exportErrorMessage(label, e)
    } finally {
      busy.value = null
    }
  }

  return { busy, message, error, run }
}
