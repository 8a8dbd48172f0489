/**
 * Records: operational registers of every record type. Types are data (their fields come from
 * the server, already cut to the user's clearance), so the list's columns and the form are
 * generated from the type's definition. Writing is for partners, officers and admins.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { useOrganisations, usePlaces, useRecordTypes } from '../../app/queries';
import { useQueryParams } from '../../app/router';
import type { ApiRecord } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { RecordDetails } from './RecordDetails';
import { RecordFilterBar } from './RecordFilterBar';
import { RecordForm } from './RecordForm';
import { RecordTable } from './RecordTable';
import { PAGE_SIZE, isStatus, useRecord, useRecordCounts, useRecordList, type RecordFilters } from './records-data';
import './records.css';
import { PageHelp } from '../../components/PageHelp';

export default function RecordsPage() {
  const { t, i18n } = useTranslation('records');
  const format = useFormat();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const { code: program, role, organisationId } = useProgram();
  const [query, setQuery] = useQueryParams();
  const typesQuery = useRecordTypes(program);
  const places = usePlaces(program).data ?? [];
  const organisations = useOrganisations(program, role !== 'public').data ?? [];
  const [message, setMessage] = useState('');
  const [reloadKey, setReloadKey] = useState(0);

  const types = typesQuery.data ?? [];
  const type = types.find((x) => x.code === query.get('type')) ?? types[0];
  const statusParam = query.get('status') ?? '';
  const filters: RecordFilters = {
    place: query.get('place') || undefined,
    zone: query.get('zone') || undefined,
    from: query.get('from') || undefined,
    to: query.get('to') || undefined,
    status: isStatus(statusParam) ? statusParam : undefined,
  };
  const page = Math.max(0, Number(query.get('page') ?? '0') || 0);
  const open = query.get('record');
  const openId = open && open !== 'new' && /^\d+$/.test(open) ? Number(open) : null;

  const counts = useRecordCounts(
    program,
    types.map((x) => x.code),
    filters,
  );
  const list = useRecordList(program, type?.code ?? '', filters, page);
  const one = useRecord(program, openId);

  const ownOrganisation = role === 'partner' ? (organisations.find((o) => o.id === organisationId)?.code ?? null) : null;
  const writer = role === 'partner' || role === 'officer' || role === 'admin';
  const mayCreate = writer && type !== undefined && (role !== 'partner' || type.organisation_field !== undefined);
  const mayEdit = (r: ApiRecord): boolean => {
    if (!writer || r.status === 'approved') return false;
    if (role === 'partner') return ownOrganisation !== null && r.organisation === ownOrganisation && (r.status === 'draft' || r.status === 'returned');
    return true;
  };

  const countText = (n: number | undefined) => (n === undefined ? '…' : format.number(n, 0));
  const close = (done?: string) => {
    setMessage(done ?? '');
    setQuery({ record: undefined });
  };

  let body;
  if (!type) {
    body = null;
  } else if (open === 'new' && mayCreate) {
    body = (
      <RecordForm
        key={`new-${type.code}`}
        program={program}
        type={type}
        record={null}
        mayChooseStatus={role === 'officer' || role === 'admin'}
        ownOrganisation={ownOrganisation}
        places={places}
        organisations={organisations}
        onDone={close}
        onCancel={() => close()}
        onReload={() => undefined}
      />
    );
  } else if (openId !== null) {
    const record = one.data;
    const recordType = record ? (types.find((x) => x.code === record.type) ?? type) : type;
    body = (
      <QueryState pending={one.isPending} error={one.error}>
        {record &&
          (mayEdit(record) ? (
            <RecordForm
              key={`${record.id}-${reloadKey}`}
              program={program}
              type={recordType}
              record={record}
              mayChooseStatus={role === 'officer' || role === 'admin'}
              ownOrganisation={ownOrganisation}
              places={places}
              organisations={organisations}
              onDone={close}
              onCancel={() => close()}
              onReload={() => {
                void one.refetch().then(() => setReloadKey((k) => k + 1));
              }}
            />
          ) : (
            <RecordDetails
              type={recordType}
              record={record}
              reason={writer && record.status === 'approved' ? t('locked') : t('readOnly')}
              onClose={() => close()}
            />
          ))}
      </QueryState>
    );
  } else {
    const total = list.data?.total ?? 0;
    const items = list.data?.items ?? [];
    const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
    const last = Math.min(total, (page + 1) * PAGE_SIZE);
    body = (
      <>
        <div className="records-head">
          {type.description && <p className="muted type-description">{type.description[lang]}</p>}
          {mayCreate && (
            <button type="button" onClick={() => setQuery({ record: 'new' })} data-testid="new-record">
              {t('newRecord', { type: type.name[lang] })}
            </button>
          )}
        </div>
        {!writer && <p className="muted">{t('readOnly')}</p>}
        {type.hidden.length > 0 && (
          <p className="hidden-note" data-testid="hidden-note">
            {t('hiddenNote', { count: type.hidden.length })}
          </p>
        )}
        <RecordFilterBar places={places} filters={filters} onChange={(changes) => setQuery({ ...changes, page: undefined })} />
        <QueryState pending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <p data-testid="no-records">{t('noRecords')}</p>
          ) : (
            <RecordTable type={type} items={items} mayEdit={mayEdit} onOpen={(r) => setQuery({ record: String(r.id) })} />
          )}
          <nav className="pager" aria-label={t('paging')}>
            <span data-testid="records-showing">
              {t('showing', { first: format.number(first, 0), last: format.number(last, 0), total: format.number(total, 0) })}
            </span>
            <button type="button" className="secondary" disabled={page === 0} onClick={() => setQuery({ page: page > 1 ? String(page - 1) : undefined })}>
              {t('previous')}
            </button>
            <button type="button" className="secondary" disabled={last >= total} onClick={() => setQuery({ page: String(page + 1) })}>
              {t('next')}
            </button>
          </nav>
        </QueryState>
      </>
    );
  }

  return (
    <div className="records-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="records" />
      <p className="muted">{t('intro')}</p>
      {message && (
        <p role="status" className="ok" data-testid="records-message">
          {message}
        </p>
      )}
      <QueryState pending={typesQuery.isPending} error={typesQuery.error}>
        {open === null && (
          <div className="type-picker" role="group" aria-label={t('recordType')}>
            {types.map((x) => (
              <button
                key={x.code}
                type="button"
                className="link"
                aria-pressed={x.code === type?.code}
                data-testid={`type-${x.code}`}
                onClick={() => {
                  setMessage('');
                  setQuery({ type: x.code, page: undefined });
                }}
              >
                {t('typeCount', { name: x.name[lang], n: countText(counts.get(x.code)) })}
              </button>
            ))}
          </div>
        )}
        {body}
      </QueryState>
    </div>
  );
}
