import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { nl } from './nl';

/** Dutch first; English second. A new language is one file beside these and one line here. */
export const LANGUAGES = { nl: 'Nederlands', en: 'English' } as const;
export type Language = keyof typeof LANGUAGES;

void i18next.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: 'nl',
  fallbackLng: 'nl',
  supportedLngs: Object.keys(LANGUAGES),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Keeps `<html lang>` right for screen readers when the language changes. */
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export { i18next };
