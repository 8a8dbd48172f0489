/** The `iati` exchange format: export only (Vigia publishes to IATI, it does not read it). */
import type { Writable } from 'node:stream';
import type { ExchangeFormat } from '../exchange-format.js';
import { exportIati } from './iati-export.service.js';

export const iatiFormat: ExchangeFormat = {
  name: 'iati',
  description: 'IATI 2.03 activity XML (export only)',
  extension: 'xml',
  contentType: 'application/xml',
  async export(db, out: Writable, options) {
    const xml = await exportIati(db, options);
    await new Promise<void>((resolve, reject) => out.write(xml, (err) => (err ? reject(err) : resolve())));
  },
};
