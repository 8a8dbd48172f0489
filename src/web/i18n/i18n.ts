/** i18next, set up once with both languages bundled (they are small) and the stored choice. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';
import { storedLanguage } from './language';

export function setUpI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: resources('en'), es: resources('es') },
    lng: storedLanguage(),
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    initImmediate: false,
  } as Parameters<typeof i18next.init>[0]);
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
