/**
 * The framework on the design page: goals with their components beneath, each renamed or
 * retired (restored) in place, and a form adding a goal or a component.
 */
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../i18n/local-name';
import { ErrorNote } from '../admin/ErrorNote';
import { movedOrder, nodeBody, text } from './design-form';
import type { DesignNode } from './design-shape';
import { DesignForm } from './DesignForm';
import { RenameForm } from './RenameForm';
import { RetiredMark } from './RetiredMark';
import { RowActions } from './RowActions';
import { useFrameworkOrder, useSectionWrites } from './use-design';

interface Props {
  program: string;
  framework: DesignNode[];
  onSaved: (code: string) => void;
}

export function FrameworkSection({ program, framework, onSaved }: Props) {
  const { t } = useTranslation('design');
  const name = useLocalName();
  const { add, round, change, renaming, rename } = useSectionWrites<DesignNode>(program, onSaved);
  const order = useFrameworkOrder(program, onSaved);
  /** The move of `code` one place, when there is a sibling that way. */
  const move = (code: string, step: -1 | 1) => {
    const codes = movedOrder(framework, code, step);
    return codes ? () => order.mutate({ codes, moved: code }) : undefined;
  };
  const goals = framework.filter((n) => n.kind === 'goal');
  const write = (node: DesignNode, body: Record<string, unknown>) => change.mutate({ part: 'framework', code: node.code, body });

  const item = (node: DesignNode) => (
    <span className="design-item" data-testid={`node-${node.code}`}>
      <code>{node.code}</code> {name(node)} <RetiredMark retired={node.retired} />
      <RowActions
        code={node.code}
        retired={node.retired}
        busy={change.isPending || order.isPending}
        onRename={() => rename(node)}
        onMove={{ up: move(node.code, -1), down: move(node.code, 1) }}
        onRetire={(retired) => write(node, { ...nodeBody({ name_en: node.name_en, name_es: node.name_es }, node), retired })}
      />
    </span>
  );

  return (
    <section className="panel" aria-labelledby="framework-heading">
      <h2 id="framework-heading">{t('frameworkHeading')}</h2>
      {goals.length === 0 ? (
        <p>{t('noFramework')}</p>
      ) : (
        <ul className="design-tree" data-testid="framework">
          {goals.map((g) => (
            <li key={g.code}>
              {t('goal')}: {item(g)}
              <ul>
                {framework
                  .filter((c) => c.kind === 'component' && c.parent === g.code)
                  .map((c) => (
                    <li key={c.code}>
                      {t('component')}: {item(c)}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {!renaming && <ErrorNote error={change.error ?? order.error} />}
      {renaming && (
        <RenameForm
          key={renaming.code}
          id="rename-node"
          title={t('renameNode', { code: renaming.code })}
          names={{ en: renaming.name_en, es: renaming.name_es }}
          busy={change.isPending}
          error={change.error}
          onSubmit={(n) => write(renaming, nodeBody({ name_en: n.en, name_es: n.es }, renaming))}
          onCancel={() => rename(null)}
        />
      )}
      <DesignForm
        key={round}
        id="add-node"
        title={t('addNode')}
        fields={[
          {
            key: 'kind',
            label: t('kind'),
            type: 'select',
            options: [
              { value: 'goal', label: t('goal') },
              { value: 'component', label: t('component') },
            ],
          },
          { key: 'code', label: t('code'), hint: t('codeHint') },
          {
            key: 'parent',
            label: t('parent'),
            type: 'select',
            when: { key: 'kind', value: 'component' },
            options: goals.map((g) => ({ value: g.code, label: `${name(g)} (${g.code})` })),
          },
          { key: 'name_en', label: t('nameEn') },
          { key: 'name_es', label: t('nameEs'), lang: 'es' },
        ]}
        initial={{ kind: 'goal', code: '', parent: goals.at(-1)?.code ?? '', name_en: '', name_es: '' }}
        submitLabel={t('addNodeButton')}
        busy={add.isPending}
        error={add.error}
        onSubmit={(v) => add.mutate({ part: 'framework', code: text(v, 'code'), body: nodeBody(v) })}
      />
    </section>
  );
}
