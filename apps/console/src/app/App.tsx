import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { hasAnyRole, type Role } from '../auth/session';
import { RouterLink } from '../ui/RouterLink';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { OidcCallbackPage, SignInPage, SIGN_IN_PATH } from '../features/sign-in/SignInPage';
import { OIDC_CALLBACK_PATH } from '../auth/oidc-paths';
import { ApiProvider } from './ApiProvider';
import { Layout } from './Layout';
import type { ConsoleView } from './view';
import { homePathFor, VIEWS } from './views';

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <FocusOnNavigation />
        <Layout>
          <ApiProvider>
            <Routes>
              <Route path={SIGN_IN_PATH} element={<SignInPage />} />
              <Route path={OIDC_CALLBACK_PATH} element={<OidcCallbackPage />} />
              <Route path="/" element={<Home />} />
              {VIEWS.map((view) => (
                <Route key={view.path} path={view.path} element={<Guarded view={view} />} />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </ApiProvider>
        </Layout>
      </BrowserRouter>
    </AuthProvider>
  );
}

/** Signed out: to the sign-in page, which brings you back here. Wrong role: a page that says so. */
function Guarded({ view }: { view: ConsoleView }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`${SIGN_IN_PATH}?terug=${encodeURIComponent(back)}`} replace />;
  }
  if (!hasAnyRole(session, view.roles)) return <NoAccessPage roles={view.roles} />;
  const View = view.component;
  return <View />;
}

function Home() {
  const { session } = useAuth();
  if (!session) return <Navigate to={SIGN_IN_PATH} replace />;
  const home = homePathFor(session.roles);
  return home ? <Navigate to={home} replace /> : <NoAccessPage />;
}

/** A view of another role, for example by a typed address: say so, and whose view it is. */
function NoAccessPage({ roles }: { roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const names = (list: readonly Role[]) => list.map((role) => t(`roles.${role}`)).join(', ');
  return (
    <>
      <Heading1>{t('noAccess.title')}</Heading1>
      <Paragraph>{t('noAccess.text')}</Paragraph>
      {roles && session && (
        <Paragraph>{t('noAccess.forRoles', { roles: names(roles), yours: names(session.roles) })}</Paragraph>
      )}
      {session && homePathFor(session.roles) && (
        <Paragraph>
          <RouterLink to={homePathFor(session.roles)!}>{t('noAccess.home')}</RouterLink>
        </Paragraph>
      )}
    </>
  );
}

/**
 * After a client-side navigation, focus moves to the main content, as it does after a page load for
 * screen readers and keyboard users (not on the first render: the skip link stays first).
 */
function FocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
  return null;
}
