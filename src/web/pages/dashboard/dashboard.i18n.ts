/** Labels of the dashboard page, in English and Spanish (the keys must match). */
export const dashboard = {
  en: {
    title: 'Dashboard',
  },
  es: {
    title: 'Tablero',
  },
};
