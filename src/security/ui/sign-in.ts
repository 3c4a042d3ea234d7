import { navigate, takeReturnTo } from '../../web/router.js';
import { nextSignInStep, type Session, setSession } from '../../web/session.js';

/** After each sign-in step: keep the session and go to the next step, or to the page first asked for. */
export function continueSignIn(session: Session): void {
  setSession(session);
  navigate(nextSignInStep(session) ?? takeReturnTo());
}
