/** Imports: upload a spreadsheet or DHIS2/ADX file, check it with a dry run, then import it. */
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { invalidateData, useRecordTypes } from '../../app/queries';
import { useFormat } from '../../i18n/format';
import { ImportResult } from './ImportResult';
import { guessFormat, holdsRecords, IMPORT_FORMATS, type ImportFormat } from './import-formats';
import { startImport, useImportJob, type Upload } from './use-import-job';
import './imports.css';
import { PageHelp } from '../../components/PageHelp';

export default function ImportsPage() {
  const { t, i18n } = useTranslation('imports');
  const { code } = useProgram();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const recordTypes = useRecordTypes(code);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [type, setType] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [dragging, setDragging] = useState(false);
  const [missingFile, setMissingFile] = useState(false);

  const send = useMutation({ mutationFn: (u: Upload) => startImport(u) });
  const job = useImportJob(send.data);
  const current = job.data;
  const lang = i18n.language === 'es' ? 'es' : 'en';

  // A real import that ended: every view of the data refreshes (once per job).
  const importedId = current && !current.dryRun && current.status === 'done' ? current.id : undefined;
  useEffect(() => {
    if (importedId) void invalidateData(queryClient);
  }, [importedId, queryClient]);

  const choose = (f: File | null | undefined) => {
    setFile(f ?? null);
    setMissingFile(false);
    const guess = f ? guessFormat(f.name) : undefined;
    if (guess) {
      setFormat(guess);
      if (!holdsRecords(guess)) setType('');
    }
    send.reset();
  };
  const upload = (asDryRun: boolean) => {
    if (!file) {
      setMissingFile(true);
      return;
    }
    send.mutate({ program: code, format, file, dryRun: asDryRun, type: holdsRecords(format) && type ? type : undefined });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    upload(dryRun);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const templateQuery = type ? `?type=${encodeURIComponent(type)}` : '';

  return (
    <div className="imports-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="imports" />
      <section className="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('uploadTitle')}</h2>
        <form onSubmit={onSubmit} data-testid="import-form">
          <div
            className={`drop-zone${dragging ? ' dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="drop-zone"
          >
            <label>
              {t('file')}
              <input type="file" name="file" accept=".csv,.xlsx,.json,.xml,.adx" onChange={(e) => choose(e.target.files?.[0])} data-testid="import-file" />
            </label>
            <p className="muted">{file ? t('dropped', { name: file.name, size: fmt.number(file.size / 1024, 1) }) : t('dropHere')}</p>
          </div>
          <div className="filters">
            <label>
              {t('format')}
              <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)} data-testid="import-format">
                {IMPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('holds')}
              <select
                value={holdsRecords(format) ? type : ''}
                onChange={(e) => setType(e.target.value)}
                disabled={!holdsRecords(format)}
                data-testid="import-type"
              >
                <option value="">{t('dataValues')}</option>
                {recordTypes.data?.map((rt) => (
                  <option key={rt.code} value={rt.code}>
                    {t('recordsOf', { name: rt.name[lang] })}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <span>
                <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="dry-run" /> {t('dryRun')}
              </span>
            </label>
            <button type="submit" disabled={send.isPending} data-testid="start-import">
              {send.isPending ? t('sending') : dryRun ? t('start') : t('startReal')}
            </button>
          </div>
          {missingFile && (
            <p role="alert" className="error">
              {t('chooseFile')}
            </p>
          )}
        </form>
      </section>

      {send.error && (
        <p role="alert" className="error" data-testid="import-error">
          {t('common:error', { message: send.error.message })}
        </p>
      )}
      {current && <ImportResult job={current} busy={send.isPending} onImportForReal={() => upload(false)} />}

      <section className="panel" aria-labelledby="templates-title">
        <h2 id="templates-title">{t('templatesTitle')}</h2>
        <p className="muted">{t('templatesHelp')}</p>
        <ul className="template-links">
          <li>
            <a href={`/api/programs/${encodeURIComponent(code)}/templates/xlsx${templateQuery}`} download data-testid="template-xlsx">
              {t('templateXlsx')}
            </a>
          </li>
          <li>
            <a href={`/api/programs/${encodeURIComponent(code)}/templates/csv${templateQuery}`} download data-testid="template-csv">
              {t('templateCsv')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
