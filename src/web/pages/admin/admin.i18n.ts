/** Labels of the admin page, in English and Spanish (the keys must match). */
export const admin = {
  en: {
    title: 'Administration',
  },
  es: {
    title: 'Administración',
  },
};
