// The platform's request guards, as the proposal routes import them.
export { idOf, loginRedirect } from '../../../platform/http/guards.tsx';
