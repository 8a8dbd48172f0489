/** Labels of the public page, in English and Spanish (the keys must match). */
export const publicDashboard = {
  en: {
    title: 'Public dashboard',
  },
  es: {
    title: 'Tablero público',
  },
};
