/** Labels of the approvals page, in English and Spanish (the keys must match). */
export const approvals = {
  en: {
    title: 'Approvals',
  },
  es: {
    title: 'Aprobaciones',
  },
};
