import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, onReachability } from '../api/client'

/** While the clinic's store cannot be reached, it is asked again this often (a cheap public read, app/info). */
export const RETRY_EVERY_MS = 3_000

/**
 * Whether the clinic's store can be reached. Any call that finds it unreachable raises the banner
 * every screen shows (AppConnectionBanner); from then on the desk asks again every few seconds, and
 * the first answer of the store (to that question or to any other call) takes the banner away.
 * Nothing on the screen is touched: a form being filled keeps its input, and its Save can be repeated.
 */
export const useConnectionStore = defineStore('connection', () => {
  const unreachable = ref(false)
  let timer: ReturnType<typeof setInterval> | null = null

  function stopRetrying() {
    if (timer) clearInterval(timer)
    timer = null
  }

  onReachability((reachable) => {
    unreachable.value = !reachable
    if (reachable) stopRetrying()
    else timer ??= setInterval(() => void api.app.info({}), RETRY_EVERY_MS)
  })

  return { unreachable }
})
