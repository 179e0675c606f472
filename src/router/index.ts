import { createRouter, createWebHashHistory } from 'vue-router'
import PatientListView from '../views/PatientListView.vue'

/*
 * Every screen but the start screen is its own chunk, loaded when first opened,
 * so the app starts without parsing the code of the others. The patient list is
 * in the start-up bundle: the first navigation then needs no fetch, and vue-router
 * follows address changes only once that first navigation is done.
 */

const patientId = (value: string | string[]) => Number(Array.isArray(value) ? value[0] : value)

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'patients', component: PatientListView },
    {
      path: '/enroll',
      name: 'enroll',
      component: () => import('../views/EnrollView.vue'),
      props: (r) => ({ patientId: typeof r.query.patientId === 'string' ? patientId(r.query.patientId) : null }),
    },
    { path: '/patients/:id', name: 'patient', component: () => import('../views/PatientView.vue'), props: (r) => ({ patientId: patientId(r.params.id) }) },
    {
      path: '/patients/:id/sessions/new',
      name: 'session-new',
      component: () => import('../views/SessionNewView.vue'),
      props: (r) => ({ patientId: patientId(r.params.id) }),
    },
    {
      path: '/patients/:id/sheet',
      name: 'sheet',
      component: () => import('../views/SheetView.vue'),
      props: (r) => ({ patientId: patientId(r.params.id), query: r.query }),
    },
    { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
    { path: '/data', name: 'data', component: () => import('../views/DataView.vue') },
    { path: '/today', name: 'today', component: () => import('../views/TodayView.vue') },
    { path: '/comparison', name: 'comparison', component: () => import('../views/ComparisonView.vue') },
    {
      path: '/comparison/report',
      name: 'comparison-report',
      component: () => import('../views/GroupReportView.vue'),
      props: (r) => ({ query: r.query }),
    },
    {
      path: '/patients/:id/report',
      name: 'patient-report',
      component: () => import('../views/PatientReportView.vue'),
      props: (r) => ({ patientId: patientId(r.params.id), query: r.query }),
    },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue') },
  ],
  scrollBehavior: () => ({ top: 0 }),
})
