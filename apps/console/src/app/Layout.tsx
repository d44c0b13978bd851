import {
  Button,
  NavBar,
  NavList,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LANGUAGES, type Language } from '../i18n';
import { NavListRouterLink } from '../ui/RouterLink';
import { navigationFor } from './views';

/**
 * The page around every view: header with the user and the language, the navigation of the
 * signed-in role's views, the main content and the footer.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const views = session ? navigationFor(session.roles) : [];
  return (
    <div className="utrecht-page sh-page">
      <SkipLink href="#main">{t('app.skipToContent')}</SkipLink>
      <PageHeader className="sh-header">
        <div className="sh-header__inner">
          <div className="sh-brand">
            <span className="sh-brand__name">{t('app.name')}</span>
            <span className="sh-brand__tagline">{t('app.tagline')}</span>
          </div>
          <div className="sh-header__tools">
            <label className="sh-language">
              <span className="sh-visually-hidden">{t('app.language')}</span>
              <select
                className="utrecht-select utrecht-select--html-select sh-language__select"
                value={i18n.resolvedLanguage}
                onChange={(e) => void i18n.changeLanguage(e.target.value as Language)}
              >
                {Object.entries(LANGUAGES).map(([code, name]) => (
                  <option key={code} value={code} lang={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            {session && (
              <>
                <Paragraph className="sh-user">
                  {t('app.signedInAs', { name: session.name })}
                  {session.municipality ? ` · ${session.municipality}` : ''}
                </Paragraph>
                <Button
                  appearance="secondary-action-button"
                  onClick={() => {
                    signOut();
                    void navigate('/inloggen');
                  }}
                >
                  {t('app.signOut')}
                </Button>
              </>
            )}
          </div>
        </div>
      </PageHeader>
      {views.length > 0 && (
        <NavBar className="sh-nav" aria-label={t('app.mainNavigation')}>
          <NavList>
            {views.map((view) => (
              <li className="utrecht-nav-list__item" key={view.path}>
                <NavListRouterLink to={view.path}>{t(`nav.${view.nav!.label}`)}</NavListRouterLink>
              </li>
            ))}
          </NavList>
        </NavBar>
      )}
      <PageContent className="sh-content">
        <main id="main" className="utrecht-page-content__main" tabIndex={-1}>
          <Suspense fallback={<Paragraph>{t('app.loading')}</Paragraph>}>{children}</Suspense>
        </main>
      </PageContent>
      <PageFooter className="sh-footer">
        <Paragraph className="sh-footer__text">{t('app.footer')}</Paragraph>
      </PageFooter>
    </div>
  );
}
