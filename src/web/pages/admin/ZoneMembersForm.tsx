/** Setting a zone's members: the whole list at once. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Place, Zone } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { FormPanel } from './FormPanel';
import { MemberChoices } from './MemberChoices';
import { useAdminWrite } from './use-admin-write';

export function ZoneMembersForm({ program, zone, places, onDone }: { program: string; zone: Zone; places: Place[]; onDone: (saved: Zone | null) => void }) {
  const { t } = useTranslation('admin');
  const name = useLocalName();
  const [chosen, setChosen] = useState<Set<string>>(new Set(zone.places));
  const save = useAdminWrite(
    (codes: string[]) =>
      ok(api.PUT('/api/programs/{program}/zones/{code}/places', { params: { path: { program, code: zone.code } }, body: { places: codes } })),
    [keys.zones(program)],
    (z) => onDone(z),
  );
  return (
    <FormPanel
      id="zone-members"
      title={t('zones.setMembers', { name: name(zone) })}
      formTestId="zone-members-form"
      onSubmit={() => save.mutate([...chosen])}
      submitLabel={t('zones.saveMembers')}
      busy={save.isPending}
      onCancel={() => onDone(null)}
      error={save.error}
    >
      <MemberChoices id="edit-zone" places={places} chosen={chosen} onChange={setChosen} />
    </FormPanel>
  );
}
