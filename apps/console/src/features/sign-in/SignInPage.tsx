import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { fetchDemoUsers, type DemoUser } from '../../auth/sign-in-config';
import { homePathFor } from '../../app/views';
import type { Role } from '../../auth/session';

export const SIGN_IN_PATH = '/inloggen';

/** Only a path of this console: never an open redirect to another site. */
function safeReturnPath(raw: string | null): string | null {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { config, configFailed, session, signInAsDemoUser, startOidcSignIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [failed, setFailed] = useState(false);
  const returnTo = safeReturnPath(params.get('terug'));

  useEffect(() => {
    if (config?.signIn === 'development') fetchDemoUsers().then(setUsers, () => setFailed(true));
  }, [config]);

  useEffect(() => {
    if (session) void navigate(returnTo ?? homePathFor(session.roles) ?? '/', { replace: true });
  }, [session, returnTo, navigate]);

  return (
    <>
      <Heading1>{t('signIn.title')}</Heading1>
      {(failed || configFailed) && (
        <Alert type="error" role="alert">
          <Paragraph>{t('signIn.failed')}</Paragraph>
        </Alert>
      )}
      {config === null && !configFailed && <Paragraph>{t('app.loading')}</Paragraph>}
      {config?.signIn === 'none' && <Paragraph>{t('signIn.none')}</Paragraph>}
      {config?.signIn === 'oidc' && (
        <>
          <Paragraph>{t('signIn.oidcIntro')}</Paragraph>
          <Button
            appearance="primary-action-button"
            onClick={() => startOidcSignIn(returnTo ?? '/').catch(() => setFailed(true))}
          >
            {t('signIn.oidcButton')}
          </Button>
        </>
      )}
      {config?.signIn === 'development' && (
        <>
          <Paragraph>{t('signIn.intro')}</Paragraph>
          <ul className="sh-demo-users">
            {users?.map((user) => (
              <li key={user.id} className="sh-demo-user">
                <Heading2 className="sh-demo-user__name">{user.name}</Heading2>
                <Paragraph className="sh-demo-user__meta">
                  {user.roles.map((role) => t(`roles.${role as Role}`)).join(', ')} ·{' '}
                  {user.municipality
                    ? t('signIn.municipality', { code: user.municipality })
                    : t('signIn.noMunicipality')}
                </Paragraph>
                <Button
                  appearance="primary-action-button"
                  onClick={() => signInAsDemoUser(user.id).catch(() => setFailed(true))}
                >
                  {t('signIn.as', { name: user.name })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The OIDC provider's redirect back: completes the code exchange (PKCE), then goes where the user was. */
export function OidcCallbackPage() {
  const { t } = useTranslation();
  const { config, completeOidcSignIn } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (config?.signIn !== 'oidc' || started.current) return;
    started.current = true;
    completeOidcSignIn().then(
      (returnTo) => void navigate(safeReturnPath(returnTo) ?? '/', { replace: true }),
      () => setFailed(true),
    );
  }, [config, completeOidcSignIn, navigate]);
  return failed ? (
    <Alert type="error" role="alert">
      <Paragraph>{t('signIn.failed')}</Paragraph>
    </Alert>
  ) : (
    <Paragraph>{t('signIn.callback')}</Paragraph>
  );
}
