/** Labels of the public page, in English and Spanish (the keys must match). */
export const publicDashboard = {
  en: {
    title: 'Public dashboard',
    help: 'These are approved figures only, open to everyone; each card says its period and whether that period is complete.',
    intro: 'Progress of the counternarcotics program in figures: coca cultivation, eradication, seizures and training, year by year.',
    approvedOnly: 'Only approved figures of public indicators are shown here; figures still under review are not published.',
  },
  es: {
    title: 'Tablero público',
    help: 'Son solo cifras aprobadas, abiertas a todos; cada tarjeta indica su período y si ese período está completo.',
    intro: 'El avance del programa antidrogas en cifras: cultivo de coca, erradicación, incautaciones y capacitación, año por año.',
    approvedOnly: 'Aquí solo se muestran cifras aprobadas de indicadores públicos; las cifras aún en revisión no se publican.',
  },
};
