// `/` inside the panel frame focuses the filter box of the visible tab (components/use-slash-focus.ts):
// on the SSO credentials tab the SSO filter, not the hidden fine-grained one; never while typing.
import { fireEvent, render, screen } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { PanelTabs } from '../../components/sso/PanelTabs';
import { useSlashFocus } from '../../components/use-slash-focus';

function Box({ label }: { label: string }) {
  const input = useRef<HTMLInputElement>(null);
  useSlashFocus(input);
  return <input ref={input} aria-label={label} />;
}

const slash = () => fireEvent.keyDown(document.body, { key: '/' });

describe('/ focuses the visible filter box', () => {
  it('follows the tab the owner chose', () => {
    render(
      <PanelTabs
        fineGrained={<Box label="Filter tokens" />}
        sso={<Box label="Filter credentials" />}
        onSso={() => {}}
      />,
    );
    slash();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Filter tokens' }));
    (document.activeElement as HTMLElement).blur();
    fireEvent.click(screen.getByRole('tab', { name: 'SSO credentials' }));
    slash();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Filter credentials' }));
  });

  it('leaves a focused text field alone', () => {
    render(
      <div>
        <Box label="Filter tokens" />
        <input aria-label="Reason" />
      </div>,
    );
    const reason = screen.getByRole('textbox', { name: 'Reason' });
    reason.focus();
    fireEvent.keyDown(reason, { key: '/' });
    expect(document.activeElement).toBe(reason);
  });
});
