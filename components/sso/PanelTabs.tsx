// Hosts the panel's two views as tabs (WAI-ARIA tabs pattern): "Fine-grained tokens" (the
// panel as it was, unchanged) and "SSO credentials". The SSO tab loads only when first
// opened, so the fine-grained view costs no extra request.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

const TABS = [
  { id: 'fine', label: 'Fine-grained tokens' },
  { id: 'sso', label: 'SSO credentials' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function PanelTabs(props: {
  fineGrained: ComponentChildren;
  sso: ComponentChildren;
  onSso: () => void;
}) {
  const [active, setActive] = useState<TabId>('fine');
  const choose = (id: TabId) => {
    setActive(id);
    if (id === 'sso') props.onSso();
  };
  return (
    <div class="patrol-tabs-host">
      <div role="tablist" aria-label="PATrol views" class="patrol-tabs">
        {TABS.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`patrol-tab-${tab.id}`}
            aria-controls={`patrol-tabpanel-${tab.id}`}
            aria-selected={active === tab.id}
            tabIndex={active === tab.id ? 0 : -1}
            class="patrol-tab"
            onClick={() => choose(tab.id)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              const next = TABS[(i + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              if (!next) return;
              choose(next.id);
              document.getElementById(`patrol-tab-${next.id}`)?.focus();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="patrol-tabpanel-fine"
        aria-labelledby="patrol-tab-fine"
        hidden={active !== 'fine'}
      >
        {props.fineGrained}
      </div>
      <div
        role="tabpanel"
        id="patrol-tabpanel-sso"
        aria-labelledby="patrol-tab-sso"
        hidden={active !== 'sso'}
      >
        {props.sso}
      </div>
    </div>
  );
}
