/**
 * One indicator's page (/indicators/CODE): its reference sheet (PIRS fields, completeness, an
 * edit form for officers and administrators), its tracking-table row over the fiscal years, its
 * change history and its data quality assessments. The server decides what each reader may
 * see and change; the page only leaves out controls the reader's role cannot use.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useProgram } from '../../app/program';
import { useMe } from '../../app/queries';
import { Link, useRouter } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { ChangeHistory } from './ChangeHistory';
import { DqaForm } from './DqaForm';
import { DqaList } from './DqaList';
import { IndicatorTracking } from './IndicatorTracking';
import { ReferenceEditForm } from './ReferenceEditForm';
import { ReferenceSheetView } from './ReferenceSheetView';
import { useDqas, useReferenceSheet } from './use-indicator-data';
import '../tracking/tracking.css';
import './indicator.css';
import { PageHelp } from '../../components/PageHelp';

/** The indicator code of an /indicators/CODE path. */
function codeOf(path: string): string {
  try {
    return decodeURIComponent(path.slice('/indicators/'.length).split('/')[0] ?? '');
  } catch {
    return '';
  }
}

export default function IndicatorPage() {
  const { t, i18n } = useTranslation('indicator');
  const { path } = useRouter();
  const code = codeOf(path);
  const { code: program, role } = useProgram();
  const { data: me } = useMe();
  const canEdit = role === 'officer' || role === 'admin';
  const sheet = useReferenceSheet(program, code);
  const dqas = useDqas(program, code);
  const [editing, setEditing] = useState(false);
  const [enteringDqa, setEnteringDqa] = useState(false);
  const lang = i18n.language === 'es' ? 'es' : 'en';

  if (sheet.error instanceof ApiError && sheet.error.status === 404) return <p role="alert">{t('unknown', { code })}</p>;
  const name = sheet.data ? sheet.data.name[lang] || sheet.data.name.en : code;
  return (
    <div className="indicator-page">
      <QueryState pending={sheet.isPending} error={sheet.error}>
        {sheet.data && (
          <>
            <h1>{t('title', { name })}</h1>
            <PageHelp ns="indicator" />
            <p className="muted">
              {t('code', { code })} · <Link to="/tracking">{t('backToTracking')}</Link>
            </p>
            <section aria-labelledby="sheet-heading">
              <h2 id="sheet-heading">{t('sheet.heading')}</h2>
              {canEdit &&
                (editing ? (
                  <ReferenceEditForm program={program} sheet={sheet.data} onDone={() => setEditing(false)} />
                ) : (
                  <button type="button" onClick={() => setEditing(true)}>
                    {t('edit.open')}
                  </button>
                ))}
              <ReferenceSheetView program={program} sheet={sheet.data} />
            </section>
            <section aria-labelledby="indicator-tracking-heading">
              <h2 id="indicator-tracking-heading">{t('tracking.heading')}</h2>
              <IndicatorTracking indicator={code} />
            </section>
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">{t('history.heading')}</h2>
              <ChangeHistory sheet={sheet.data} />
            </section>
            <section aria-labelledby="dqa-heading">
              <h2 id="dqa-heading">{t('dqa.heading')}</h2>
              {canEdit &&
                (enteringDqa ? (
                  <DqaForm program={program} indicator={code} assessor={me?.user?.name ?? ''} onDone={() => setEnteringDqa(false)} />
                ) : (
                  <button type="button" onClick={() => setEnteringDqa(true)}>
                    {t('dqa.new')}
                  </button>
                ))}
              <QueryState pending={dqas.isPending} error={dqas.error}>
                <DqaList program={program} dqas={dqas.data ?? []} canEdit={canEdit} />
              </QueryState>
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
