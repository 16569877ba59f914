// The one typed-org confirmation of revoke, review and SSO removal (components/panel/OrgNameField.tsx):
// named "Organization name", described by its hint in every dialog (the review dialog's copy had none).
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { OrgNameField } from '../../components/panel/OrgNameField';

describe('OrgNameField', () => {
  it('is named, described by its hint, and reports what is typed', () => {
    const onTyped = vi.fn();
    render(<OrgNameField org="acme" typed="" onTyped={onTyped} />);
    const box = screen.getByRole('textbox', { name: 'Organization name' });
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Type acme to confirm.');
    fireEvent.input(box, { target: { value: 'acm' } });
    expect(onTyped).toHaveBeenCalledWith('acm');
  });
});
