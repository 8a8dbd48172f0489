/** Deleting a zone, once confirmed; a refusal says what still refers to it. */
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Zone } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { ConfirmPanel } from './ConfirmPanel';
import { InUseNote } from './InUseNote';
import { useAdminWrite } from './use-admin-write';

export function DeleteZone({ program, zone, onDone }: { program: string; zone: Zone; onDone: (deleted: string | null) => void }) {
  const { t } = useTranslation('admin');
  const name = useLocalName();
  const remove = useAdminWrite(
    () => ok(api.DELETE('/api/programs/{program}/zones/{code}', { params: { path: { program, code: zone.code } } })),
    [keys.zones(program)],
    (r) => onDone(r.deleted),
  );
  return (
    <ConfirmPanel
      testId="confirm-delete-zone"
      question={t('zones.deleteConfirm', { code: zone.code, name: name(zone) })}
      confirmLabel={t('zones.deleteButton')}
      busy={remove.isPending}
      onConfirm={() => remove.mutate(undefined)}
      onCancel={() => onDone(null)}
    >
      <InUseNote error={remove.error} what={zone.code} />
    </ConfirmPanel>
  );
}
