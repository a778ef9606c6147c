// @vitest-environment happy-dom
// Two members of the same name on the roster page: the second needs a 备注, shown with the name; a bulk add adds
// the rest and lists, in Chinese, the names it skipped.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RosterPage from '@client/pages/RosterPage.vue'
import { addMembers, listMembers, useDatabase } from '@client/db'
import { until } from '../support/until'

async function mountRoster() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: RosterPage }] })
  await router.push('/')
  return mount(RosterPage, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
}

beforeEach(async () => {
  useDatabase(`roster-duplicates-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '王芳', role: 'member', group: '', active: true }])
})

describe('RosterPage with two 王芳', () => {
  it('refuses a second 王芳 without 备注, saying what to do; takes her with one', async () => {
    const wrapper = await mountRoster()
    await until(() => wrapper.get('[data-testid="roster-list"]').text().includes('王芳'), 'the roster')
    await wrapper.get('input[name="memberName"]').setValue('王芳')
    await wrapper.get('form.member-editor').trigger('submit')
    await until(() => wrapper.find('[role="alert"]').exists(), 'the refusal')
    expect(wrapper.get('[role="alert"]').text()).toBe('名册中已有“王芳”，同名的请在备注中写明区别（如所在党小组）')
    await wrapper.get('input[name="memberNote"]').setValue('第二党小组')
    await wrapper.get('form.member-editor').trigger('submit')
    await until(() => wrapper.get('[data-testid="roster-list"]').text().includes('王芳（第二党小组）'), 'the second 王芳')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('a bulk add lists the skipped names and adds the rest', async () => {
    const wrapper = await mountRoster()
    await until(() => wrapper.get('[data-testid="roster-list"]').text().includes('王芳'), 'the roster')
    await wrapper.get('textarea[name="bulkNames"]').setValue('李明、王芳、张三、王芳（第二党小组）')
    await wrapper.findAll('form').at(-1)!.trigger('submit')
    await until(() => wrapper.find('[data-testid="bulk-skipped"]').exists(), 'the skipped list')
    expect(wrapper.get('[data-testid="bulk-skipped"]').text()).toContain('以下 1 人名册中已有（或名单中重复），未添加：王芳')
    expect(wrapper.get('[data-testid="bulk-skipped"]').text()).toContain('请在上方“添加党员”中填写备注')
    expect((await listMembers()).map((m) => (m.note ? `${m.name}（${m.note}）` : m.name))).toEqual(['王芳', '李明', '张三', '王芳（第二党小组）'])
  })
})
