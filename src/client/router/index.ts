import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from '@client/pages/HomePage.vue'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '支部纪实', tab: 'home' } },
  { path: '/log', name: 'log', component: () => import('@client/pages/ActivityLogPage.vue'), meta: { title: '记一笔', tab: 'log' } },
  { path: '/activities', name: 'activities', component: () => import('@client/pages/ActivityListPage.vue'), meta: { title: '活动记录', tab: 'activities' } },
  { path: '/activities/recycle-bin', name: 'recycle-bin', component: () => import('@client/pages/RecycleBinPage.vue'), meta: { title: '回收站', tab: 'activities', back: '/activities' } },
  { path: '/activities/:id', name: 'activity', component: () => import('@client/pages/ActivityDetailPage.vue'), meta: { title: '活动详情', tab: 'activities', back: '/activities' } },
  { path: '/activities/:id/edit', name: 'activity-edit', component: () => import('@client/pages/ActivityLogPage.vue'), meta: { title: '修改记录', tab: 'activities', back: '..' } },
  { path: '/plan', name: 'plan', component: () => import('@client/pages/PlanPage.vue'), meta: { title: '年度计划', tab: 'more', back: '/more' } },
  { path: '/report', name: 'report', component: () => import('@client/pages/ReportPage.vue'), meta: { title: '年度统计', tab: 'report' } },
  { path: '/committee', name: 'committee', component: () => import('@client/pages/CommitteeReportPage.vue'), meta: { title: '党委汇总', tab: 'more', back: '/account' } },
  { path: '/roster', name: 'roster', component: () => import('@client/pages/RosterPage.vue'), meta: { title: '党员名册', tab: 'more', back: '/more' } },
  { path: '/settings', name: 'settings', component: () => import('@client/pages/SettingsPage.vue'), meta: { title: '支部设置', tab: 'more', back: '/more' } },
  { path: '/me/:id?', name: 'my-year', component: () => import('@client/pages/MemberYearPage.vue'), meta: { title: '我的', tab: 'more', back: '/more' } },
  { path: '/more', name: 'more', component: () => import('@client/pages/MorePage.vue'), meta: { title: '更多', tab: 'more' } },
  { path: '/account', name: 'account', component: () => import('@client/pages/AccountPage.vue'), meta: { title: '同步与账号', tab: 'more', back: '/more' } },
  { path: '/signin', name: 'signin', component: () => import('@client/pages/SignInPage.vue'), meta: { title: '登录', tab: 'more', back: '/account' } },
  { path: '/join', name: 'join', component: () => import('@client/pages/JoinPage.vue'), meta: { title: '加入支部', tab: 'more', back: '/account' } },
  { path: '/join/roster', name: 'join-roster', component: () => import('@client/pages/RosterMappingPage.vue'), meta: { title: '对应名册', tab: 'more', back: '/account' } },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '支部纪实'
  document.title = title === '支部纪实' ? title : `${title} · 支部纪实`
})
