import { nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { isMenuCommand, shortcutFor, type MenuCommand } from '../../electron/menuCommands'

/** macOS uses Cmd where Windows and Linux use Ctrl. */
export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform)

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/**
 * The desk's commands, run the same way from the keyboard (browser mode and
 * desktop) and from the application menu (desktop, through the preload). Used
 * once, by App.vue. `enabled`: nothing runs while nobody is signed in or the desk is locked.
 */
export function useShortcuts(enabled: () => boolean) {
  const router = useRouter()
  const route = useRoute()
  const helpOpen = ref(false)
  /** A short message when a command cannot run here ("Open a patient first."), read out by screen readers. */
  const notice = ref<string | null>(null)
  const bridge = window.backstride
  watch(() => route.fullPath, () => (notice.value = null))

  const patientId = () => (typeof route.params.id === 'string' && route.path.startsWith('/patients/') ? route.params.id : null)

  async function run(command: MenuCommand) {
    notice.value = null
    if (!enabled()) return
    if (command === 'show-shortcuts') helpOpen.value = true
    else if (command === 'new-patient') await router.push({ name: 'enroll' })
    else if (command === 'focus-search') {
      if (route.name !== 'patients') await router.push({ name: 'patients' })
      await nextTick()
      document.querySelector<HTMLInputElement>('[role="search"] input')?.focus()
    } else {
      const id = patientId()
      if (!id) notice.value = 'shortcuts.needsPatient'
      else if (command === 'record-session') await router.push({ name: 'session-new', params: { id } })
      else if (route.name === 'sheet') document.querySelector<HTMLButtonElement>('[data-command="print-sheet"]')?.click()
      else await router.push({ name: 'sheet', params: { id } })
    }
  }

  function onKeydown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.repeat || !enabled()) return
    const shortcut = shortcutFor(event, isMac())
    if (!shortcut) return
    // The desktop menu already handles its accelerators; a bare key is never typed into a field.
    if (bridge?.onMenuCommand && shortcut.menuHandles) return
    if (shortcut.key && typing(event.target)) return
    event.preventDefault()
    void run(shortcut.command)
  }

  let stopMenu: (() => void) | undefined
  onMounted(() => {
    window.addEventListener('keydown', onKeydown)
    stopMenu = bridge?.onMenuCommand?.((command) => isMenuCommand(command) && void run(command))
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown)
    stopMenu?.()
  })

  return { helpOpen, notice, run }
}
