/**
 * The program-design page (officers and administrators): the framework, indicators, dimensions
 * with their options, and sources of the program shown, retired things marked; forms to add,
 * rename and retire; and for system administrators a new program. The server authorizes,
 * checks (as a folder load does) and audits each change; this page only shows who may try.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHelp } from '../../components/PageHelp';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { useMe } from '../../app/queries';
import { DimensionsSection } from './DimensionsSection';
import { FrameworkSection } from './FrameworkSection';
import { IndicatorsSection } from './IndicatorsSection';
import { NewProgramForm } from './NewProgramForm';
import { SourcesList } from './SourcesList';
import { useDesign } from './use-design';
import '../admin/admin.css';
import './design.css';

export default function DesignPage() {
  const { t } = useTranslation('design');
  const { code: program, choose } = useProgram();
  const { data: me } = useMe();
  const design = useDesign(program);
  const [done, setDone] = useState('');
  const saved = (code: string) => setDone(t('saved', { code }));

  return (
    <div className="admin-page design-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="design" />
      <p role="status" className="ok" data-testid="design-done">
        {done}
      </p>
      <QueryState pending={design.isPending && program !== ''} error={design.error}>
        {design.data && (
          <>
            <FrameworkSection program={program} framework={design.data.framework} onSaved={saved} />
            <IndicatorsSection program={program} design={design.data} onSaved={saved} />
            <DimensionsSection program={program} dimensions={design.data.dimensions} onSaved={saved} />
            <SourcesList sources={design.data.sources} />
          </>
        )}
      </QueryState>
      {me?.user?.role === 'admin' && (
        <NewProgramForm
          onCreated={(code) => {
            choose(code);
            setDone(t('created', { code }));
          }}
        />
      )}
    </div>
  );
}
