// Administration (spaces and settings, the audit record, people and roles, holidays, delivery): its registration.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { defineModule } from '../../platform/modules.ts';
import { registerAdmin } from './routes.tsx';
import * as perm from './permissions.ts';

export default defineModule({
  name: 'admin',
  title: { ko: '관리', en: 'Administration' },
  routes: () => {
    const app = new Hono<AppEnv>();
    registerAdmin(app);
    return app;
  },
  nav: [{ href: '/admin', label: 'nav.admin', visible: perm.canOpenAdmin, order: 400 }],
  flash: {
    'settings-saved': 'admin.saved',
    'holiday-added': 'holiday.added',
    'holiday-removed': 'holiday.removed',
    'role-granted': 'people.granted',
    'role-revoked': 'people.revoked',
  },
});
