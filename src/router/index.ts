import { createRouter, createWebHashHistory } from 'vue-router'
import EnrollView from '../views/EnrollView.vue'
import NotFoundView from '../views/NotFoundView.vue'
import PatientListView from '../views/PatientListView.vue'
import PatientView from '../views/PatientView.vue'
import SessionNewView from '../views/SessionNewView.vue'

const patientId = (value: string | string[]) => Number(Array.isArray(value) ? value[0] : value)

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'patients', component: PatientListView },
    { path: '/enroll', name: 'enroll', component: EnrollView },
    { path: '/patients/:id', name: 'patient', component: PatientView, props: (r) => ({ patientId: patientId(r.params.id) }) },
    {
      path: '/patients/:id/sessions/new',
      name: 'session-new',
      component: SessionNewView,
      props: (r) => ({ patientId: patientId(r.params.id) }),
    },
    { path: '/:rest(.*)*', name: 'not-found', component: NotFoundView },
  ],
  scrollBehavior: () => ({ top: 0 }),
})
